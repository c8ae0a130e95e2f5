import type { OperationHandler } from '../../engine/handler.js';
import { speechHandler } from './speech.js';
import { transcriptionHandlers } from './transcribe.js';

/** The audio simulator: text to speech, and speech to text (transcriptions, translations). */
export const audioHandlers: OperationHandler[] = [speechHandler, ...transcriptionHandlers];
