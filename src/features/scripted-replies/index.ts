/** Scripted replies: rules in the pipeline (`scripted` slot), admin routes, `features.fixtures` and `engine.fixtures`. */
export { type AddedRules, type FixturesApi, installScripted, scriptedRepliesFeature } from './install.js';
export type { FixturesOptions } from './options.js';
