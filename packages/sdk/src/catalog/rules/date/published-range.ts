import { isRealDate } from '../../../identifiers/calendar-date';
import { defineRule } from '../../rule';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The earliest publication date taken as real: 国发〔2016〕51号 《政务信息资源共享管理暂行办法》, issued on this
 * day, made the catalogue the basis of sharing between departments (the 1272 guide followed in 2017). A date
 * before it is most often a typing slip (1019 for 2019); a city whose platform shared earlier turns the rule off.
 */
export const CATALOGUE_START = '2016-09-05';

export const rule = defineRule({
  id: 'date/published-range',
  severity: 'error',
  description: {
    zh: `发布日期在今天（城市时区）之后，或早于政务信息资源目录出现（${CATALOGUE_START}，国发〔2016〕51号）`,
    en: `publishedAt after today (in the city's time zone) or before catalogues existed (${CATALOGUE_START}, State Council 2016 No. 51)`,
  },
  hasFix: false,
  scope: 'file',
  check({ file, config, report }) {
    const value = file.string(['publishedAt']);
    // Only a real ISO date: any other value is date/format's to report.
    const iso = value === undefined ? null : ISO_DATE.exec(value);
    if (!value || !iso || !isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return;
    if (value < CATALOGUE_START) {
      report({
        at: ['publishedAt'],
        message: {
          zh: `发布日期 ${value} 早于政务信息资源目录出现的日期 ${CATALOGUE_START}（国发〔2016〕51号），请核对年份`,
          en: `publishedAt ${value} is before catalogues existed (${CATALOGUE_START}, State Council 2016 No. 51); check the year`,
        },
      });
      return;
    }
    const today = config.today();
    if (value <= today) return;
    report({
      at: ['publishedAt'],
      message: {
        zh: `发布日期 ${value} 晚于今天（${today}）：发布日期是提供方已经发布共享、开放的日期，请核对`,
        en: `publishedAt ${value} is after today (${today}): it is the day the provider published the resource for sharing, which cannot be ahead; check it`,
      },
    });
  },
});
