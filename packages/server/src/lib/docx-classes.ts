/**
 * The parts of the docx package the Word kit and the documents use, loaded on first use instead
 * of at the start (about half a second of a start on a small machine, and most starts never write
 * a document). Each export stands for the package's own class or constant: `new Paragraph(…)`
 * builds the package's own Paragraph, `AlignmentType.CENTER` reads the package's value. The
 * builders are synchronous everywhere, so the package is required synchronously the first time
 * something is built rather than with `await import`.
 */
import { createRequire } from 'node:module';
import type * as Docx from 'docx';

const requireOnUse = createRequire(import.meta.url);
let loaded: typeof Docx | null = null;
/** The docx package itself (loaded on the first call). */
export function docxPackage(): typeof Docx {
  return (loaded ??= requireOnUse('docx') as typeof Docx);
}

/** A class of the package: constructing it constructs the package's class; its statics are the package's. */
function lazyClass<K extends keyof typeof Docx>(name: K): (typeof Docx)[K] {
  const real = () => docxPackage()[name] as unknown as (new (...args: unknown[]) => object) & Record<PropertyKey, unknown>;
  return new Proxy(function lazy() {} as unknown as object, {
    construct: (_target, args) => Reflect.construct(real(), args),
    get: (_target, key) => {
      const value = real()[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real()) : value;
    },
  }) as (typeof Docx)[K];
}

/** A constant object of the package (AlignmentType, WidthType …): its members are the package's. */
function lazyObject<K extends keyof typeof Docx>(name: K): (typeof Docx)[K] {
  return new Proxy({}, { get: (_target, key) => (docxPackage()[name] as Record<PropertyKey, unknown>)[key] }) as (typeof Docx)[K];
}

export type Document = Docx.Document;
export type Footer = Docx.Footer;
export type ImageRun = Docx.ImageRun;
export type PageBreak = Docx.PageBreak;
export type Paragraph = Docx.Paragraph;
export type Tab = Docx.Tab;
export type Table = Docx.Table;
export type TableCell = Docx.TableCell;
export type TableRow = Docx.TableRow;
export type TextRun = Docx.TextRun;
export type FileChild = Docx.FileChild;

export const Document = lazyClass('Document');
export const Footer = lazyClass('Footer');
export const ImageRun = lazyClass('ImageRun');
export const PageBreak = lazyClass('PageBreak');
export const Paragraph = lazyClass('Paragraph');
export const Tab = lazyClass('Tab');
export const Table = lazyClass('Table');
export const TableCell = lazyClass('TableCell');
export const TableRow = lazyClass('TableRow');
export const TextRun = lazyClass('TextRun');
export const Packer = lazyClass('Packer');

export const AlignmentType = lazyObject('AlignmentType');
export const BorderStyle = lazyObject('BorderStyle');
export const PageNumber = lazyObject('PageNumber');
export const PageOrientation = lazyObject('PageOrientation');
export const TabStopType = lazyObject('TabStopType');
export const VerticalAlign = lazyObject('VerticalAlign');
export const WidthType = lazyObject('WidthType');
