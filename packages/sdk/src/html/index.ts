/** @unsilo/sdk/html — what the SDK's and the CLI's HTML pages share. */
export { escapeHtml } from './escape-html';
