/**
 * Names that reach `Object.prototype` (or a constructor's) when an object is built from input by assignment or a
 * merge: refused in every query parameter name, form field and JSON member, wherever they appear.
 */
const prototypeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPrototypeKey(key: string): boolean {
  return prototypeKeys.has(key);
}

/** Whether a parameter name names a prototype key in any of its parts: `a[__proto__]`, `constructor.x`, … */
export function namesPrototypeKey(name: string): boolean {
  return name.split(/[[\].]/).some(isPrototypeKey);
}

export const prototypeKeyRule = {
  rule: 'forbidden_key',
  message: 'a parameter name may not contain __proto__, constructor or prototype',
  zh: '参数名不得包含 __proto__、constructor 或 prototype',
} as const;
