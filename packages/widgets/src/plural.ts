/** The forms of a word by plural category; `other` is required, as every language has it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A chooser of plural forms by the language's own rules (`Intl.PluralRules`): Arabic has six
 * categories, French counts 0 as singular, Chinese and Japanese only have `other`.
 */
export function plurals(locale: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(locale);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
