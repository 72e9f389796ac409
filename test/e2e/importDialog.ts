import type { Locator, Page } from 'playwright-core';

/** The shared import dialog (src/ui/import), for browser tests of every module. */
export const importDialog = (page: Page): Locator => page.getByTestId('import-dialog');

/** Waits for the inspection step of a chosen file and starts the import with the proposed mapping. */
export async function confirmImport(page: Page, timeout = 60_000): Promise<void> {
  const dialog = importDialog(page);
  await dialog.getByTestId('import-inspection').waitFor({ timeout });
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
}

/** Waits for the report and returns its text (without validating). */
export async function importReport(page: Page, timeout = 120_000): Promise<string> {
  const report = importDialog(page).getByTestId('import-report');
  await report.waitFor({ timeout });
  return (await report.textContent()) ?? '';
}

/** Validates the import shown in the report: the module's data is replaced now. Returns the report text. */
export async function validateImport(page: Page, timeout = 120_000): Promise<string> {
  const text = await importReport(page, timeout);
  await importDialog(page).getByRole('button', { name: 'Valider l’import' }).click();
  await importDialog(page).waitFor({ state: 'detached' });
  return text;
}

/** File chosen with a module's button → inspection → import → report → validation. Returns the report text. */
export async function importThroughDialog(
  page: Page,
  input: Locator,
  file: Parameters<Locator['setInputFiles']>[0],
): Promise<string> {
  await input.setInputFiles(file);
  await confirmImport(page);
  return validateImport(page);
}

/** French number formatting puts (narrow) no-break spaces between thousands: compare on plain spaces. */
export const plainSpaces = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
