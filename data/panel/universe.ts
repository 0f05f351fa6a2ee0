/**
 * The panels the reference data can fill (`../shared/data`, see its PROVENANCE.md): the
 * eleven SPDR sector ETFs and 100 large-cap US stocks, beside the S&P 500 index.
 *
 * The stock list is a 2026 large-cap universe, not a point-in-time constituent list: for
 * 2010–2024 it carries survivorship and look-ahead bias (the companies that became large).
 * The sector ETFs are the clean alternative. Neither comes with index weights.
 */

/** SPDR sector ETFs; XLRE trades from 2015-10-08 and XLC from 2018-06-19. */
export const SECTOR_ETFS = [
  "XLB",
  "XLC",
  "XLE",
  "XLF",
  "XLI",
  "XLK",
  "XLP",
  "XLRE",
  "XLU",
  "XLV",
  "XLY",
] as const;

/** 100 large-cap US stocks (2010 or their listing .. 2025-12-31 in the reference data). */
export const LARGE_CAPS = (
  "AAPL ABBV ABT ACN ADBE ADI AMAT AMD AMGN AMZN ANET APH AVGO AXP BA BAC BKNG BLK BMY BRK-B " +
  "BX C CAT CB CI CMCSA COP COST CRM CSCO CVX DE DIS DUK ELV EQIX ETN GE GILD GOOGL GS HD HON " +
  "IBM INTU ISRG JNJ JPM KLAC KO LIN LLY LMT LOW LRCX MA MCD MDT META MO MRK MS MSFT MU NEE " +
  "NFLX NKE NOW NVDA ORCL PANW PEP PFE PG PLD PM PYPL QCOM REGN RTX SBUX SCHW SO SPGI SYK T " +
  "TJX TMO TSLA TXN UBER UNH UNP V VRTX VZ WFC WMT XOM ZTS"
).split(" ");
