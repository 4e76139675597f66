import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, message, messageText, says, sentenceOf } from '../../../src/contract';
import { validationError } from '../../../src/services/dispatch';
import { errorText, i18n, sentenceText } from '../../../renderer/i18n';

describe('sentences the core writes for staff', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('are English for the log and the command line, and in any language on request', () => {
    expect(messageText(message('request.signIn'))).toBe('Please sign in to continue.');
    expect(messageText(message('request.signIn'), 'es')).toBe('Inicie sesión para continuar.');
    expect(messageText(message('request.unknownMethod', { method: 'x.y' }), 'es')).toBe(
      'Packroom no tiene ninguna operación llamada "x.y".',
    );
  });

  it('translate a sentence given as a parameter of another in the same language', () => {
    const nested = message('request.unknownMethod', { method: message('text', { text: message('request.signIn') }) });
    expect(messageText(nested)).toBe('Packroom has no operation called "Please sign in to continue.".');
    void i18n.changeLanguage('es');
    expect(sentenceText(nested)).toBe('Packroom no tiene ninguna operación llamada "Inicie sesión para continuar.".');
  });

  it('cross the API as key and params beside the English, and the screen shows them in its language', () => {
    const sentence = message('request.unknownMethod', { method: 'db.exec' });
    const body = new ApiError('UNKNOWN_METHOD', sentence).toBody();
    expect(body).toEqual({ code: 'UNKNOWN_METHOD', message: 'Packroom has no operation called "db.exec".', ...sentence });
    const received = ApiError.fromBody(JSON.parse(JSON.stringify(body)) as typeof body);
    expect([received.message, received.sentence]).toEqual(['Packroom has no operation called "db.exec".', sentence]);

    expect(errorText(received)).toBe('Packroom has no operation called "db.exec".');
    void i18n.changeLanguage('es');
    expect(errorText(received)).toBe('Packroom no tiene ninguna operación llamada "db.exec".');
    expect(sentenceText(message('text', { text: 'Puerta 2' }))).toBe('Puerta 2');
  });

  it('fall back to the English an older core or a plain error sent', () => {
    void i18n.changeLanguage('es');
    expect(errorText(ApiError.fromBody({ code: 'CONFLICT', message: 'Something old.' }))).toBe('Something old.');
    expect(errorText(new Error('Network down.'))).toBe('Network down.');
  });

  it("ride in a schema's error and come back as the sentence when the call is refused", () => {
    const schema = z.object({ pin: z.string().min(4, says('request.signIn')) });
    const refused = validationError(schema.safeParse({ pin: '1' }).error!);
    expect([refused.field, refused.message, refused.sentence]).toEqual(['pin', 'Please sign in to continue.', message('request.signIn')]);
    expect(sentenceOf('Invalid input: expected string')).toBeNull();

    // zod's own words, for a request no screen sends, pass through in English as the `text` sentence.
    const zodOwn = validationError(z.object({ n: z.number() }).safeParse({ n: 'x' }).error!);
    expect([zodOwn.field, zodOwn.message, zodOwn.sentence]).toEqual([
      'n',
      'Invalid input: expected number, received string',
      message('text', { text: 'Invalid input: expected number, received string' }),
    ]);
  });
});
