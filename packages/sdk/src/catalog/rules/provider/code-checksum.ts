import { type IdentifierCheck, validateUscc } from '../../../identifiers/uscc';
import { defineRule } from '../../rule';

/** A workspace names a few providers thousands of times: remember each code's verdict. */
const verdicts = new Map<string, IdentifierCheck>();
function checkCode(code: string): IdentifierCheck {
  let verdict = verdicts.get(code);
  if (!verdict) {
    verdict = validateUscc(code);
    if (verdicts.size < 10_000) verdicts.set(code, verdict);
  }
  return verdict;
}

export const rule = defineRule({
  id: 'provider/code-checksum',
  severity: 'error',
  description: {
    zh: 'provider.code 不是有效的统一社会信用代码（字符集、结构、GB 32100 校验码）；历史试点代码可在配置中列入白名单',
    en: 'provider.code is not a valid unified social credit code (charset, structure, GB 32100 check digit); legacy pilot codes can be allow-listed',
  },
  hasFix: false,
  scope: 'file',
  check({ file, config, report }) {
    const code = file.string(['provider', 'code']);
    if (code === undefined || code.trim() === '' || code === 'TODO') return;
    if (config.allowedProviderCodes.has(code.trim().toUpperCase())) return;
    const result = checkCode(code);
    if (result.valid || !result.reason) return;
    report({
      at: ['provider', 'code'],
      message: {
        zh: `提供方代码「${code}」不是有效的统一社会信用代码：${result.reason.zh}`,
        en: `provider code "${code}" is not a valid unified social credit code: ${result.reason.en}`,
      },
    });
  },
});
