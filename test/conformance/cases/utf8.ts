// Autobahn 6: UTF-8 in text messages, valid and invalid, whole, fragmented and chopped at every byte.
import { bytes, fragmented, text, utf8, type ConformanceCase } from '../conformanceCase';

const VALID: readonly [string, Uint8Array][] = [
  ['empty', utf8('')],
  ['ASCII', utf8('Hello-µ@ßöäüàá-UTF-8!!')],
  ['Greek kosme', utf8('κόσμε')],
  ['first 2-byte sequence U+0080', bytes(0xc2, 0x80)],
  ['first 3-byte sequence U+0800', bytes(0xe0, 0xa0, 0x80)],
  ['first 4-byte sequence U+10000', bytes(0xf0, 0x90, 0x80, 0x80)],
  ['last 1-byte sequence U+007F', bytes(0x7f)],
  ['last 2-byte sequence U+07FF', bytes(0xdf, 0xbf)],
  ['last 3-byte sequence U+FFFF', bytes(0xef, 0xbf, 0xbf)],
  ['last code point U+10FFFF', bytes(0xf4, 0x8f, 0xbf, 0xbf)],
  ['U+D7FF before the surrogates', bytes(0xed, 0x9f, 0xbf)],
  ['U+E000 after the surrogates', bytes(0xee, 0x80, 0x80)],
  ['U+FFFD', bytes(0xef, 0xbf, 0xbd)],
  ['noncharacter U+FFFE', bytes(0xef, 0xbf, 0xbe)],
  ['mixed scripts and emoji', utf8('aé€𝄞 ok ДЖ 日本 🎉 ∮ E⋅da')],
  ['NUL in the middle', bytes(0x61, 0x00, 0x62)],
];

const INVALID: readonly [string, Uint8Array][] = [
  ['lone continuation byte 0x80', bytes(0x80)],
  ['lone continuation byte 0xBF', bytes(0xbf)],
  ['2 continuation bytes', bytes(0x80, 0xbf)],
  ['lone 2-byte start 0xC0 + space', bytes(0xc0, 0x20)],
  ['lone 3-byte start 0xE0 + space', bytes(0xe0, 0x20)],
  ['lone 4-byte start 0xF0 + space', bytes(0xf0, 0x20)],
  ['3-byte sequence missing its last byte', bytes(0xe0, 0x80)],
  ['4-byte sequence missing its last byte', bytes(0xf0, 0x80, 0x80)],
  ['a 4-byte sequence cut off at the end', bytes(0x61, 0xf0, 0x9f, 0x98)],
  ['0xFE', bytes(0xfe)],
  ['0xFF', bytes(0xff)],
  ['0xFE 0xFE 0xFF 0xFF', bytes(0xfe, 0xfe, 0xff, 0xff)],
  ['overlong / U+002F in 2 bytes', bytes(0xc0, 0xaf)],
  ['overlong / in 3 bytes', bytes(0xe0, 0x80, 0xaf)],
  ['overlong / in 4 bytes', bytes(0xf0, 0x80, 0x80, 0xaf)],
  ['overlong NUL in 2 bytes', bytes(0xc0, 0x80)],
  ['maximal overlong 2-byte', bytes(0xc1, 0xbf)],
  ['maximal overlong 3-byte', bytes(0xe0, 0x9f, 0xbf)],
  ['maximal overlong 4-byte', bytes(0xf0, 0x8f, 0xbf, 0xbf)],
  ['surrogate U+D800', bytes(0xed, 0xa0, 0x80)],
  ['surrogate U+DBFF', bytes(0xed, 0xaf, 0xbf)],
  ['surrogate U+DC00', bytes(0xed, 0xb0, 0x80)],
  ['surrogate U+DFFF', bytes(0xed, 0xbf, 0xbf)],
  ['surrogate pair U+D800 U+DC00', bytes(0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80)],
  ['above U+10FFFF (0xF4 0x90)', bytes(0xf4, 0x90, 0x80, 0x80)],
  ['5-byte sequence', bytes(0xf8, 0x88, 0x80, 0x80, 0x80)],
  ['6-byte sequence', bytes(0xfc, 0x84, 0x80, 0x80, 0x80, 0x80)],
  ['valid text, then 0xC0 0xAF, then valid text', Uint8Array.from([...utf8('κόσμε'), 0xc0, 0xaf, ...utf8('edited')])],
];

function utf8Cases(category: number, list: readonly [string, Uint8Array][], expect: number | null): ConformanceCase[] {
  return list.flatMap(([name, payload], k): ConformanceCase[] => [
    { id: `6.${category}.${k + 1}.1`, description: `${name}: one frame`, frames: [text(payload)], expect },
    { id: `6.${category}.${k + 1}.2`, description: `${name}: one frame per byte`, frames: fragmented(payload, 1), expect },
    { id: `6.${category}.${k + 1}.3`, description: `${name}: one frame, written byte by byte`, frames: [text(payload)], pacing: { chop: 1 }, expect },
  ]);
}

export const utf8ValidCases = utf8Cases(1, VALID, null);
export const utf8InvalidCases = utf8Cases(2, INVALID, 1007);
