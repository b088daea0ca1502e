// office-addin-mock imports office-addin-manifest only for this enum. The real package pulls in an
// ES-module-only dependency (strip-bom 5) that Jest's CommonJS runtime cannot load, so tests map the
// import here; the values are copied from office-addin-manifest/lib/officeApp.js.
export enum OfficeApp {
  Excel = 'excel',
  OneNote = 'onenote',
  Outlook = 'outlook',
  PowerPoint = 'powerpoint',
  Project = 'project',
  Word = 'word',
}
