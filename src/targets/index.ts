export { parseTarget } from './parse';
export { formatQuantity, formatRatio, OP_SYMBOLS } from './format';
export { TARGET_UNITS } from './units';
