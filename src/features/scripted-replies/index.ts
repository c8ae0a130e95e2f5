/** Scripted replies: rules in the pipeline (`scripted` slot), admin routes, `features.fixtures` and `engine.fixtures`. */
export type { AddedRules, FixturesApi } from './api.js';
export { installScripted, scriptedRepliesFeature } from './install.js';
export type { FixturesOptions } from './options.js';
