/// <reference types="et-jsapi-declare" />
/**
 * Where et-jsapi-declare's types are narrower than what WPS hands back, the fake returns what WPS does
 * through these two casts, and nowhere else:
 * - a property of a range whose cells disagree reads as Null (NumberFormat, Font.Bold, WrapText,
 *   ColumnWidth, …), though the declarations type them string, boolean or number;
 * - Value2 is declared `string | any[]` but holds numbers, booleans and undefined (an empty cell) too.
 */
import type { CellValue } from '../fake/model';

/** A property that is Null when the range is mixed. */
export const orNull = <T>(value: T | null): T => value as T;

export type Value2Cell = CellValue | undefined;
export type Value2 = Value2Cell | Value2Cell[][];

export const asValue2 = (value: Value2): Et.Range['Value2'] => value as Et.Range['Value2'];
