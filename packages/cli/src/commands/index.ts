import type { Command } from 'commander';
import { register as catalog } from './catalog';
import { register as check } from './check';
import { register as lint } from './lint';
import { register as map } from './map';
import { register as publish } from './publish';
import { register as sandbox } from './sandbox';
import { register as sync } from './sync';

/** Each command lives in its own file and registers itself on the program. */
export const commands: Array<(program: Command) => void> = [
  lint,
  check,
  catalog,
  map,
  publish,
  sync,
  sandbox,
];
