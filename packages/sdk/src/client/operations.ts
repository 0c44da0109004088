// TEMPORARY bridge until packages/sdk/src/generated lands; replaced by generated imports.
export type ProblemDetails = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  zh?: string;
  [key: string]: unknown;
};
