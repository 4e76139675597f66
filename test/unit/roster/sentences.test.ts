import { describe, expect, it } from 'vitest';
import { ApiError, message, messageText, reasonOf } from '../../../src/contract';
import { readSentence } from '../../../src/db/sentences';

describe('roster sentences inside sentences', () => {
  it('translate whole, two levels deep, with the inner sentences keeping their own figures', () => {
    const stopped = message('roster.apply.stoppedPartWay', {
      file: 'big.csv',
      done: 50,
      total: 600,
      cause: reasonOf(new Error('disk full')),
    });
    const daily = message('roster.alert.dailyFailed', { file: 'big.csv', sentence: reasonOf(new ApiError('CONFLICT', stopped)) });
    expect(messageText(daily)).toBe(
      'The daily roster import did not run (big.csv): The import of big.csv stopped after 50 of 600 recipients (disk full). ' +
        'Each recipient is either fully imported or not yet touched. Packroom finishes the rest when it next starts. Nothing was changed.',
    );
    expect(messageText(daily, 'es')).toBe(
      'La importación diaria de residentes no se realizó (big.csv): La importación de big.csv se detuvo después de 50 de 600 ' +
        'destinatarios (disk full). Cada destinatario está importado por completo o todavía sin tocar. Packroom termina el resto ' +
        'la próxima vez que se inicie. No se cambió nada.',
    );
  });

  it('name both problems when a daily export lacks both columns', () => {
    const both = message('roster.schedule.columnsNotRecognizedTwice', {
      problem: message('roster.mapping.chooseName'),
      otherProblem: message('roster.mapping.chooseUnit'),
    });
    expect(messageText(both, 'es')).toBe(
      'No se reconocieron sus columnas. Elija la columna que contiene el nombre del residente. Elija la columna que contiene el ' +
        'número de unidad (apartamento). Vea la importación del archivo en Importar para comprobar la opción «Exportado desde».',
    );
  });
});

describe('a saved run message', () => {
  const english = '2 recipient(s) edited while the import was applying were left as edited. Preview the file again to apply their rows.';

  it('reads back as its sentence', () => {
    expect(readSentence(english, 'roster.run.editedMeanwhile', JSON.stringify({ count: 2 }))).toEqual(
      message('roster.run.editedMeanwhile', { count: 2 }),
    );
  });

  it('reads back as the English it was saved with when it has no sentence, or one this Packroom does not know', () => {
    expect(readSentence(english, null, null)).toEqual(message('text', { text: english }));
    expect(readSentence(english, 'roster.run.fromANewerPackroom', JSON.stringify({ count: 2 }))).toEqual(
      message('text', { text: english }),
    );
    expect(readSentence(english, 'roster.run.editedMeanwhile', '{not json')).toEqual(message('text', { text: english }));
    expect(readSentence(null, null, null)).toBeNull();
  });
});
