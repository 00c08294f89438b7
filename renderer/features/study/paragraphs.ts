export { paragraphs } from '../../../electron/core/paragraphs';
