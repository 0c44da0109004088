export { columnLetter, SHEET_NAME, TEMPLATE_COLUMNS, type TemplateColumn } from './columns';
export { buildCatalogWorkbook, type CatalogSheetEntry } from './export';
export { type CatalogImport, type ImportedEntry, importCatalogWorkbook, type SheetError } from './import';
