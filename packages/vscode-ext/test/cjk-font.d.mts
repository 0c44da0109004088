export declare const CJK_FONT_INSTALL: string;
export declare function listCjkFonts(): string[];
export declare function cjkFontProblem(
  list?: () => readonly string[],
  platform?: NodeJS.Platform,
): string | undefined;
