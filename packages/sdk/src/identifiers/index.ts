/**
 * @unsilo/sdk/identifiers — the national identifiers and their check characters: 统一社会信用代码 (GB 32100),
 * 组织机构代码 (GB 11714), 公民身份号码 (GB 11643), administrative division codes (GB/T 2260) and phone numbers.
 * Small on purpose: a host that only checks identifiers loads neither the catalogue linter nor the mapping engine.
 */
export { DEFAULT_TIME_ZONE, isRealDate, isTimeZone, localDate } from './calendar-date';
export { type IdcardFacts, idcardCheckChar, idcardFacts, upgradeIdcard15, validateIdcard } from './idcard';
export { orgcodeCheckChar, validateOrgcode } from './orgcode';
export { type PhoneResult, validatePhone } from './phone';
export { type AbolishedCode, checkRegion, type RegionResult, type RegionStatus, regionName } from './region';
export { type IdentifierCheck, type IdentifierReason, usccCheckChar, validateUscc } from './uscc';
