import { docsUrl, type RuleDefinition, type RuleInfo } from '../rule';
import { rule as classificationLibraryUnknown } from './classification/library-unknown';
import { rule as codeClassMismatch } from './code/class-mismatch';
import { rule as codeDuplicate } from './code/duplicate';
import { rule as codeFormat } from './code/format';
import { rule as codeSegmentZero } from './code/segment-zero';
import { rule as dateFormat } from './date/format';
import { rule as datePublishedRange } from './date/published-range';
import { rule as itemsCodesetSuggested } from './items/codeset-suggested';
import { rule as itemsCodesetUnknown } from './items/codeset-unknown';
import { rule as itemsDuplicate } from './items/duplicate';
import { rule as itemsElementSuggested } from './items/element-suggested';
import { rule as itemsElementUnknown } from './items/element-unknown';
import { rule as itemsIdentifierFormat } from './items/identifier-format';
import { rule as itemsLengthRequired } from './items/length-required';
import { rule as nameDuplicate } from './name/duplicate';
import { rule as nameWhitespace } from './name/whitespace';
import { rule as openConditionPlaceholder } from './open/condition-placeholder';
import { rule as openConditionRequired } from './open/condition-required';
import { rule as openRequiresShare } from './open/requires-share';
import { rule as openWiderThanShare } from './open/wider-than-share';
import { rule as providerCodeChecksum } from './provider/code-checksum';
import { rule as relatedUnresolved } from './related/unresolved';
import { rule as schemaContract } from './schema/contract';
import { rule as schemaEnum } from './schema/enum';
import { rule as schemaRequired } from './schema/required';
import { rule as schemaUnknownField } from './schema/unknown-field';
import { rule as secrecyClassifiedShared } from './secrecy/classified-shared';
import { rule as shareBasisNotLegal } from './share/basis-not-legal';
import { rule as shareBasisRequired } from './share/basis-required';
import { rule as shareConditionPlaceholder } from './share/condition-placeholder';
import { rule as shareConditionRequired } from './share/condition-required';
import { rule as shareMethodFormatMismatch } from './share/method-format-mismatch';
import { rule as shareMethodRequired } from './share/method-required';
import { rule as sharePersonalDataUnconditional } from './share/personal-data-unconditional';
import { rule as shareServiceAsFile } from './share/service-as-file';
import { rule as singleSourceConflict } from './single-source/conflict';
import { rule as summaryTooShort } from './summary/too-short';
import { rule as systemUnknown } from './system/unknown';
import { rule as updateCycleOtherNeedsNote } from './update-cycle/other-needs-note';
import { rule as yamlSyntax } from './yaml/syntax';
import { rule as yamlTooDeep } from './yaml/too-deep';

/**
 * Every rule, in the order of the entry's fields — except schema/contract, the last per-file rule on purpose: it
 * reports only what the rules before it have not.
 */
export const ruleDefinitions: readonly RuleDefinition[] = [
  schemaRequired,
  schemaUnknownField,
  schemaEnum,
  codeFormat,
  codeSegmentZero,
  codeClassMismatch,
  codeDuplicate,
  nameDuplicate,
  nameWhitespace,
  providerCodeChecksum,
  classificationLibraryUnknown,
  shareConditionRequired,
  shareConditionPlaceholder,
  shareBasisRequired,
  shareBasisNotLegal,
  shareMethodRequired,
  shareMethodFormatMismatch,
  shareServiceAsFile,
  sharePersonalDataUnconditional,
  openRequiresShare,
  openWiderThanShare,
  openConditionRequired,
  openConditionPlaceholder,
  secrecyClassifiedShared,
  itemsDuplicate,
  itemsLengthRequired,
  itemsIdentifierFormat,
  itemsCodesetUnknown,
  itemsCodesetSuggested,
  itemsElementUnknown,
  itemsElementSuggested,
  dateFormat,
  datePublishedRange,
  summaryTooShort,
  updateCycleOtherNeedsNote,
  systemUnknown,
  schemaContract,
  relatedUnresolved,
  singleSourceConflict,
  yamlSyntax,
  yamlTooDeep,
];

/** The rule registry as data: what the CLI's SARIF output, the docs and the editor list. */
export const rules: readonly RuleInfo[] = ruleDefinitions.map(
  ({ id, severity, description, hasFix, scope, optIn }) => ({
    id,
    severity,
    description,
    hasFix,
    scope,
    docsUrl: docsUrl(id),
    ...(optIn ? { optIn } : {}),
  }),
);

export function ruleIds(): string[] {
  return ruleDefinitions.map((rule) => rule.id);
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return rules.find((rule) => rule.id === id);
}
