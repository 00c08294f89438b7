export { queryTermsOf } from '../../../electron/core/query';
