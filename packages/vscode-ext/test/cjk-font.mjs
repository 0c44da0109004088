// The screenshots the browser tests take (and the README's pictures made from them) show Chinese text. Without a
// CJK font Chromium draws every Chinese character as an empty box, so the runners stop before taking any.
// On Linux Chromium finds its fonts through fontconfig, which is what `fc-list :lang=zh` asks.
import { execFileSync } from 'node:child_process';

export const CJK_FONT_INSTALL = 'apt-get install -y fonts-noto-cjk';

/** The font families fontconfig has for Chinese, one per line of `fc-list :lang=zh family`; none without fc-list. */
export function listCjkFonts() {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

/** Why the screenshots would show boxes (zh, then en), or undefined when a CJK font is installed or not on Linux. */
export function cjkFontProblem(list = listCjkFonts, platform = process.platform) {
  if (platform !== 'linux' || list().length > 0) return undefined;
  return (
    `没有中文字体（fc-list :lang=zh 为空），截图中的汉字会显示为空方框；请先运行 ${CJK_FONT_INSTALL} / ` +
    `no CJK font (fc-list :lang=zh lists none): every Chinese character in the screenshots would be an empty box; run ${CJK_FONT_INSTALL} first`
  );
}
