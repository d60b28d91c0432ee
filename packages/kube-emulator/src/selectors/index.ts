export { parseLabelSelector } from './parseLabelSelector';
export type { LabelMatcher } from './parseLabelSelector';
export {
  assertSupportedFields,
  fieldValue,
  parseFieldSelector,
  SUPPORTED_FIELDS,
  supportedFieldsFor,
} from './parseFieldSelector';
export type {
  FieldMatcher,
  SupportedFieldsOptions,
} from './parseFieldSelector';
