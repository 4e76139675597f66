import { describe, expect, it } from 'vitest';
import { nameMarks } from '../../../src/domain/labels/marks';

const marked = (line: string, name: string) => nameMarks(line, name).map((s) => line.slice(s.start, s.end));

describe('nameMarks: the words of a ship-to line that name the person', () => {
  it.each([
    ['JOHN SMITH', 'John Smith', ['JOHN', 'SMITH']],
    ['SMITH JOHN', 'John Smith', ['SMITH', 'JOHN']],
    ['J. SMITH', 'John Smith', ['J', 'SMITH']],
    ['MR JOHN Q SMITH', 'John Smith', ['JOHN', 'SMITH']],
    ['JOSE GARCIA-LOPEZ', 'José García López', ['JOSE', 'GARCIA', 'LOPEZ']],
    ['BOB KOWALSKY', 'Robert (Bob) Kowalski', ['BOB', 'KOWALSKY']],
    ['ACME OUTDOOR CO', 'John Smith', []],
  ])('%s for %s', (line, name, words) => {
    expect(marked(line, name)).toEqual(words);
  });

  it('gives the characters of each word in the line as read', () => {
    expect(nameMarks('ATTN  ANA  RUIZ', 'Ana Ruiz')).toEqual([
      { start: 6, end: 9 },
      { start: 11, end: 15 },
    ]);
  });
});
