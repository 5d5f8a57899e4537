"""The script ``wa-analyzer dashboard`` gives ``streamlit run`` (a clone's app.py does the same)."""
from analyzer.dashboard.app import main

main()
