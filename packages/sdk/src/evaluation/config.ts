import { isMap } from 'yaml';
import type { ConfigProblem } from '../catalog/config';
import { parseConfigDocument } from '../catalog/config-document';
import { TextIndex } from '../catalog/text-position';
import type { Range } from '../catalog/types';
import { COMPONENT_IDS, DEFAULT_WEIGHTS } from './components';
import type { ComponentId, EvaluationTargets, EvaluationWeights } from './types';

export interface ParsedEvaluationConfig {
  /** Only the weights the config names; `scoreDepartments` fills in the rest. */
  weights: Partial<EvaluationWeights>;
  targets: Partial<EvaluationTargets>;
  /** True when the config has an `evaluation:` section. */
  present: boolean;
  problems: ConfigProblem[];
}

type TargetName = keyof EvaluationTargets;
/** Each target's bounds: integers for entry counts, rates within (0, 1], hours above 0. */
const TARGETS: Readonly<Record<TargetName, { integer: boolean; max?: number }>> = {
  entries: { integer: true },
  entriesPerDepartment: { integer: true },
  rowRejectRate: { integer: false, max: 1 },
  turnaroundHours: { integer: false },
  conflictRate: { integer: false, max: 1 },
};
const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];
const isComponent = (name: string): name is ComponentId =>
  (COMPONENT_IDS as readonly string[]).includes(name);
const isTarget = (name: string): name is TargetName => (TARGET_NAMES as readonly string[]).includes(name);

/**
 * Reads the `evaluation:` section of `unsilo.config.yaml`:
 * ```yaml
 * evaluation:
 *   weights: { coverage: 30, turnaround: 0 }
 *   targets: { entries: 2800, rowRejectRate: 0.02 }
 * ```
 * Unknown component or target names, weights that are not non-negative numbers, targets out of range and all
 * weights 0 are problems with their position, like `parseConfig`'s; nothing is thrown.
 */
export function parseEvaluationConfig(text: string): ParsedEvaluationConfig {
  const parsed: ParsedEvaluationConfig = { weights: {}, targets: {}, present: false, problems: [] };
  // Malformed, too large or too deep: reported once, by parseConfig, when the same file is read for the linter.
  const read = parseConfigDocument(text);
  if ('problem' in read || read.document.errors.length > 0) return parsed;
  const doc = read.document;
  const section = doc.get('evaluation', true);
  if (section === undefined || section === null) return parsed;
  parsed.present = true;
  const index = new TextIndex(text);
  const at = (path: readonly string[]): Range => {
    const node = doc.getIn(['evaluation', ...path], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? index.range(node.range[0], node.range[1]) : index.range(0, 0);
  };
  const problem = (path: readonly string[], zh: string, en: string) =>
    parsed.problems.push({ message: { zh, en }, range: at(path) });
  if (!isMap(section)) {
    problem([], 'evaluation 必须是映射', 'evaluation must be a mapping');
    return parsed;
  }
  const plain = section.toJS(doc, { maxAliasCount: 100 }) as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (key !== 'weights' && key !== 'targets')
      problem(
        [key],
        `evaluation 下未知的键「${key}」（weights、targets）`,
        `unknown key "${key}" under evaluation (weights, targets)`,
      );
  }
  readWeights(plain.weights, parsed, problem);
  readTargets(plain.targets, parsed, problem);
  return parsed;
}

type Problem = (path: readonly string[], zh: string, en: string) => void;

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function readWeights(value: unknown, parsed: ParsedEvaluationConfig, problem: Problem): void {
  if (value === undefined) return;
  if (!isMapping(value)) {
    problem(['weights'], 'evaluation.weights 必须是映射', 'evaluation.weights must be a mapping');
    return;
  }
  const known = COMPONENT_IDS.join(', ');
  for (const [name, weight] of Object.entries(value)) {
    if (!isComponent(name)) {
      problem(
        ['weights', name],
        `未知的评价指标「${name}」（${known}）`,
        `unknown component "${name}" (${known})`,
      );
    } else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      problem(
        ['weights', name],
        `指标「${name}」的权重必须是非负数`,
        `the weight of "${name}" must be a non-negative number`,
      );
    } else {
      parsed.weights[name] = weight;
    }
  }
  if (COMPONENT_IDS.every((id) => (parsed.weights[id] ?? DEFAULT_WEIGHTS[id]) === 0))
    problem(['weights'], '所有权重均为 0，无法评分', 'every weight is 0: nothing to score');
}

function readTargets(value: unknown, parsed: ParsedEvaluationConfig, problem: Problem): void {
  if (value === undefined) return;
  if (!isMapping(value)) {
    problem(['targets'], 'evaluation.targets 必须是映射', 'evaluation.targets must be a mapping');
    return;
  }
  const known = TARGET_NAMES.join(', ');
  for (const [name, target] of Object.entries(value)) {
    if (!isTarget(name)) {
      problem(
        ['targets', name],
        `未知的评价目标「${name}」（${known}）`,
        `unknown target "${name}" (${known})`,
      );
      continue;
    }
    const { integer, max } = TARGETS[name];
    const valid =
      typeof target === 'number' &&
      Number.isFinite(target) &&
      target > 0 &&
      (!integer || Number.isInteger(target)) &&
      (max === undefined || target <= max);
    if (valid) parsed.targets[name] = target;
    else {
      const range = integer ? '正整数' : max ? `大于 0、不超过 ${max} 的数` : '正数';
      const rangeEn = integer
        ? 'a positive integer'
        : max
          ? `a number above 0 and at most ${max}`
          : 'a positive number';
      problem(['targets', name], `目标「${name}」必须是${range}`, `the target "${name}" must be ${rangeEn}`);
    }
  }
}
