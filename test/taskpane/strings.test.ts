import type { HostErrorKind } from '../../src/hosts/errors';
import { STRINGS, fill, tokens, type StringKey } from '../../src/taskpane/strings';

const HOST_ERROR_KINDS: HostErrorKind[] = ['conflict', 'protected', 'editMode', 'unsupported', 'unknown'];
const { zh, en } = STRINGS;

describe('task pane strings', () => {
  test('zh and en have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  test('no string is empty', () => {
    for (const [lang, table] of Object.entries(STRINGS)) {
      for (const [key, value] of Object.entries(table)) {
        expect({ lang, key, empty: value.trim() === '' }).toEqual({ lang, key, empty: false });
      }
    }
  });

  test('every host error kind has a message in both languages', () => {
    for (const kind of HOST_ERROR_KINDS) {
      const key = `hostError.${kind}` as StringKey;
      expect(zh[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
  });

  test('the conflict message names the sheets', () => {
    expect(tokens(zh['hostError.conflict'])).toEqual(['sheets']);
    expect(fill(zh['hostError.conflict'], { sheets: '项目支出' })).toBe(
      '工作表“项目支出”已有内容。是否替换？替换将删除该表中的全部内容。',
    );
  });

  test('placeholders match between languages', () => {
    for (const key of Object.keys(zh) as StringKey[]) {
      expect({ key, tokens: tokens(en[key]) }).toEqual({ key, tokens: tokens(zh[key]) });
    }
  });

  test('English strings hold no Chinese, so a forgotten translation shows; a form label in brackets after its English name is the exception', () => {
    for (const [key, value] of Object.entries(en)) {
      // "the unit (填报单位) cell": the English label, then the form's own, to find it on the sheet.
      const outside = value.replace(/[A-Za-z][\w ]*\s\((\p{Script=Han}+)\)/gu, '');
      expect({ key, han: /\p{Script=Han}/u.test(outside) }).toEqual({ key, han: false });
    }
    expect(en.goToUnit).toBe('Go to the unit (填报单位) cell');
  });

  test('fill leaves unknown tokens visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
