"""The Streamlit dashboard for community coordinators.

Started by ``wa-analyzer dashboard [CHAT]`` (from an installed package), ``make run`` or
``streamlit run app.py`` (from a clone); `main()` in `analyzer.dashboard.app` draws the page.

A thin shell around the library, on purpose:
- every number comes from `analyzer.analysis.analyze()` and every chart from `analyzer.outputs.charts`,
  so the dashboard and ``wa-analyzer analyze`` can never disagree (a test checks exactly that);
- every word on screen comes from the one translation table `analyzer.i18n.TEXT` (keys ``app.*``);
- what is analysed (window, excluded members, pseudonyms) is decided by library functions
  (`analyze(start=, end=)`, `analyzer.metrics.filters.exclude_members`, `analyzer.privacy.anonymize`).

What lives here, one module each: `settings` (sizes and limits), `state` (caching and the background
analysis), `images` (chart images), `downloads` (the bytes behind the buttons), `widgets` (building
blocks), `sidebar`, `coding` (hand-coding a sample), `tabs` (the seven pages) and `app` (the page);
`streamlit_app` is the file ``streamlit run`` executes for ``wa-analyzer dashboard``.

Privacy: an upload is read from memory (``load_chat(uploaded.getvalue())``) and never written to
disk; usage statistics are off (``--browser.gatherUsageStats false``, .streamlit/config.toml), and
the server listens on 127.0.0.1 unless asked otherwise.
"""
