export { ExcelHost } from './host';
export { officeExcelApi, type ExcelApi } from './api';
