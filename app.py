"""The wa-analyzer dashboard: ``streamlit run app.py`` (what ``make run`` does).

The dashboard itself is the package `analyzer.dashboard`; from an installed package,
``wa-analyzer dashboard [CHAT]`` starts the same page.
"""
from analyzer.dashboard.app import main

if __name__ == "__main__":  # streamlit runs this file as __main__
    main()
