// `node --import ./log-modules.mjs …`: registers module-log-hooks.mjs after the loaders imported before it.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
