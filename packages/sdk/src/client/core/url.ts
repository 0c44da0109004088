export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[];
export type QueryObject = Record<string, QueryValue | Record<string, string | number | boolean | undefined>>;

/** Templates split once into literal text and parameter names (odd indexes): every call fills one. */
const splitTemplates = new Map<string, readonly string[]>();

/**
 * Fills `{name}` placeholders. Each value is percent-encoded as a whole, so a resource code such as
 * `307001030801/000012` travels as `307001030801%2F000012` and stays one path segment.
 */
export function fillPath(template: string, params: Record<string, string | number> | undefined): string {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{([^}]+)\}/);
    splitTemplates.set(template, parts);
  }
  let path = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const value = params?.[name];
    if (value === undefined || value === '') {
      throw new TypeError(`Missing path parameter "${name}" for ${template} (缺少路径参数 ${name})`);
    }
    path += encodeURIComponent(String(value)) + (parts[i + 1] ?? '');
  }
  return path;
}

/**
 * Serialises query parameters: arrays repeat the name, objects use the deepObject style
 * (`filter[name]=value`), undefined values are left out.
 */
export function toQueryString(query: object | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (inner !== undefined && inner !== null) params.append(`${name}[${key}]`, String(inner));
      }
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function joinBaseUrl(baseUrl: string, pathWithQuery: string): string {
  return baseUrl.replace(/\/+$/, '') + pathWithQuery;
}
