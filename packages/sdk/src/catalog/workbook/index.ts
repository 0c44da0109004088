/**
 * `@unsilo/sdk/catalog/workbook` (Node): the catalogue as the Excel 填报模板 — one row per information item, one
 * sheet — written from entries and read back into entry files, with the cell of every error.
 */

export { columnLetter } from '../../sources/xlsx';
export { SHEET_NAME, TEMPLATE_COLUMNS, type TemplateColumn } from './columns';
export { buildCatalogWorkbook, type CatalogSheetEntry } from './export';
export { type CatalogImport, type ImportedEntry, importCatalogWorkbook, type SheetError } from './import';
