/** The fixtures feature: scripted replies in the pipeline (`fixtures` slot), admin routes and `engine.fixtures`. */
export { type HistoryLoader, registerConversationHistory } from './history.js';
export { type AddedRules, type FixturesApi, installScripted } from './install.js';
export { SCRIPTABLE_OPERATIONS } from './middleware.js';
export type { FixturesOptions } from './options.js';
