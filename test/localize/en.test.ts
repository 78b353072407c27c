import { expect } from '@open-wc/testing';
import { en, formatNumber } from '../../src/localize/en.js';

/**
 * English counts and dates are written out by hand, to spare a fresh page the
 * locale data that `Intl` loads: they must read exactly as this browser's
 * `Intl` would write them, and every other language must still get `Intl`.
 */
describe('localize: English numbers and dates without Intl', () => {
  const intlDate = (lang: string) => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

  it('writes whole numbers as Intl.NumberFormat("en") does, and hands it the rest', () => {
    const intl = new Intl.NumberFormat('en');
    const numbers = [0, 1, 7, 12, 999, 1000, 1001, 9999, 10000, 12345, 100000, 999999, 1000000, 1234567, -1, -999, -1000, -1234567, 2 ** 53 - 1, -(2 ** 53 - 1)];
    for (let i = 0; i < 500; i++) numbers.push(Math.floor(Math.random() * 10 ** (1 + (i % 15))));
    // Not whole, or beyond exact integers: these are Intl's to write.
    numbers.push(1.5, 1234.5678, 2 ** 60, Number.NaN, Infinity);
    for (const n of numbers) expect(formatNumber(n), String(n)).to.equal(intl.format(n));
    expect(formatNumber(1234567)).to.equal('1,234,567');
  });

  it('writes English dates as Intl.DateTimeFormat("en") does, in UTC, for every day of the years it writes itself', () => {
    const intl = intlDate('en');
    const days: Date[] = [];
    // Every day of a leap year and the years around it, every first and last of a month from 1 to 9999,
    // and the edges of the range.
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) days.push(new Date(t));
    for (let year = 1; year <= 9999; year += 37) for (let month = 0; month < 12; month++) {
      const first = new Date(0);
      first.setUTCFullYear(year, month, 1);
      const last = new Date(0);
      last.setUTCFullYear(year, month + 1, 0);
      days.push(first, last);
    }
    for (const [year, month, day] of [[1, 0, 1], [999, 11, 31], [1000, 0, 1], [9999, 11, 31]] as const) {
      const date = new Date(0);
      date.setUTCFullYear(year, month, day);
      days.push(date);
    }
    // Late in the day in UTC: the date is UTC's, whatever the reader's time zone.
    days.push(new Date('2024-02-29T23:59:59Z'), new Date('2024-03-01T00:00:00.001Z'));
    for (const date of days) expect(en.date(date), date.toISOString()).to.equal(intl.format(date));
    for (const lang of ['EN', 'en-us', 'en-US']) expect(en.date(days[0]!, lang)).to.equal(intl.format(days[0]!));
    expect(en.date(new Date('2024-03-05T12:00:00Z'))).to.equal('March 5, 2024');
  });

  it("gives other languages, and years it does not write, to Intl", () => {
    const date = new Date('2024-03-05T12:00:00Z');
    for (const lang of ['en-GB', 'fr', 'de-CH', 'zh-Hans', 'ar-EG', 'ru']) expect(en.date(date, lang), lang).to.equal(intlDate(lang).format(date));
    expect(en.date(date, 'en-GB')).to.not.equal(en.date(date));
    // A language tag the browser rejects: English, as Intl writes it.
    expect(en.date(date, 'not a language')).to.equal(intlDate('en').format(date));
    for (const iso of ['0000-06-15T00:00:00Z', '-000044-03-15T00:00:00Z', '+010000-01-01T00:00:00Z']) {
      const far = new Date(iso);
      expect(en.date(far), iso).to.equal(intlDate('en').format(far));
    }
  });
});
