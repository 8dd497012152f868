// Sphinx's Turkish catalog leaves the search result count untranslated (empty strings) and its
// plural rule returns true/false instead of 0/1, so the search page fails after listing the
// results. Give the message its Turkish forms and the rule numbers.
Documentation.addTranslations({
  locale: 'tr',
  plural_expr: 'n > 1 ? 1 : 0',
  messages: {
    'Search finished, found one page matching the search query.': [
      'Arama bitti: aramanıza uyan bir sayfa bulundu.',
      'Arama bitti: aramanıza uyan ${resultCount} sayfa bulundu.',
    ],
  },
});
