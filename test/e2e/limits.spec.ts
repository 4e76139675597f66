import { callApi, chooseSpanish, expect, openSettings, signIn, test } from './fixtures';

/** Nothing cut or clamped in silence: a value out of its range is refused on its field, the limit named. */
const password = 'correct horse battery';

test('a note over 500 characters and an idle lock of 0 are refused with the limit, in English and in Spanish', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: '', phone: '' });

  const refuseBoth = async (words: {
    settings: string;
    sections: string;
    thisComputer: string;
    idleLock: string;
    saveSite: string;
    packages: string;
    tracking: string;
    recipient: string;
    note: string;
    submit: string;
    between: string;
    tooLong: string;
  }) => {
    await openSettings(page, words.thisComputer, { tab: words.settings, sections: words.sections });
    const idleLock = page.getByRole('textbox', { name: words.idleLock });
    await idleLock.fill('0');
    await page.getByRole('button', { name: words.saveSite }).click();
    await expect(idleLock).toHaveAccessibleDescription(words.between);
    await expect(idleLock).toHaveValue('0');

    await page.getByRole('tab', { name: words.packages }).click();
    const tracking = page.getByRole('textbox', { name: words.tracking });
    await tracking.fill('1Z999AA10123456784');
    await tracking.press('Enter');
    const recipient = page.getByRole('textbox', { name: words.recipient });
    await expect(recipient).toBeFocused();
    await recipient.fill('gom');
    await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
    const note = page.getByRole('textbox', { name: words.note });
    await note.fill('n'.repeat(501));
    await expect(note).toHaveValue('n'.repeat(501));
    await page.getByRole('button', { name: words.submit }).click();
    await expect(note).toHaveAccessibleDescription(words.tooLong);
  };

  await refuseBoth({
    settings: 'Settings',
    sections: 'Settings sections',
    thisComputer: 'This computer',
    idleLock: 'Lock the screen after this many idle minutes',
    saveSite: 'Save site settings',
    packages: 'Packages',
    tracking: 'Tracking number',
    recipient: 'Recipient',
    note: 'Note',
    submit: 'Log package',
    between: 'Idle lock minutes must be between 1 and 240.',
    tooLong: 'Note is too long (at most 500 characters).',
  });

  await chooseSpanish(page, 'ada');
  await refuseBoth({
    settings: 'Configuración',
    sections: 'Secciones de la configuración',
    thisComputer: 'Este equipo',
    idleLock: 'Bloquear la pantalla tras estos minutos de inactividad',
    saveSite: 'Guardar la configuración del sitio',
    packages: 'Paquetes',
    tracking: 'Número de seguimiento',
    recipient: 'Destinatario',
    note: 'Nota',
    submit: 'Registrar el paquete',
    between: 'El campo «Minutos de inactividad antes del bloqueo» debe estar entre 1 y 240.',
    tooLong: 'El campo «Nota» es demasiado largo (como máximo 500 caracteres).',
  });
});
