/** XML this scanner will not read (a DOCTYPE, which could declare entities): the caller reads it another way. */
export class UnsupportedXml extends Error {}

/** What a part's reader does with each tag; names arrive without their namespace prefix (`x:c` is `c`). */
export interface XmlHandler {
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** raw text between tags: decode it with `decodeXml` unless `cdata` */
  text?(raw: string, cdata: boolean): void;
}

const localName = (q: string): string => {
  const colon = q.indexOf(':');
  return colon < 0 ? q : q.slice(colon + 1);
};

const isSpace = (ch: number): boolean => ch === 32 || ch === 9 || ch === 10 || ch === 13;

/**
 * A forward scan of an XML document: open and close tags, text, CDATA; comments and processing
 * instructions skipped. Enough for the parts of a workbook, and a tenth of the cost of a full parser.
 */
export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      h.text?.(xml.slice(i), false);
      return;
    }
    if (lt > i) h.text?.(xml.slice(i, lt), false);
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      i = end(xml, '?>', lt);
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) i = end(xml, '-->', lt);
      else if (xml.startsWith('<![CDATA[', lt)) {
        i = end(xml, ']]>', lt);
        h.text?.(xml.slice(lt + 9, i - 3), true);
      } else throw new UnsupportedXml('DOCTYPE or declaration');
    } else if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new UnsupportedXml('unclosed tag');
      h.close(localName(xml.slice(lt + 2, gt).trim()));
      i = gt + 1;
    } else {
      // The tag ends at the first > outside a quoted attribute value.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const ch = xml.charCodeAt(j);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 34 || ch === 39) quote = ch;
        else if (ch === 62) break;
      }
      if (j >= n) throw new UnsupportedXml('unclosed tag');
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      let k = lt + 1;
      const stop = selfClosing ? j - 1 : j;
      while (k < stop && !isSpace(xml.charCodeAt(k))) k++;
      const name = localName(xml.slice(lt + 1, k));
      h.open(name, xml.slice(k, stop));
      if (selfClosing) h.close(name);
      i = j + 1;
    }
  }
}

function end(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  if (at < 0) throw new UnsupportedXml(`unterminated ${token}`);
  return at + token.length;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Entities and character references decoded, line ends as an XML parser reports them (\r\n and \r as \n). */
export function decodeXml(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.includes('&'))
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
      if (e[0] !== '#') return NAMED[e] ?? all;
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  return s;
}

const ATTR = new Map<string, RegExp>();

/** One attribute of a tag's attribute text, decoded; `r:id` is asked for with its prefix. */
export function attr(attrs: string, name: string): string | undefined {
  let re = ATTR.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeXml(m[1] ?? m[2]);
}
