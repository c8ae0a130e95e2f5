/** Record and replay as an engine feature; the cassette format, files and matching live in src/record. */
export {
  CASSETTE_HEADER,
  type CassetteOptions,
  type CassettesApi,
  cassettesFeature,
  installCassettes,
} from './install.js';
export { type CassetteMiss, CassetteMissError } from './miss-error.js';
