"""Hand-coding a sample (issue 12): the CLI's `sample` -> hand-code -> `evaluate` loop in the page."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from analyzer.dashboard.downloads import csv_bytes
from analyzer.dashboard.settings import CODING_N
from analyzer.dashboard.widgets import View, category_label, md_escape
from analyzer.i18n import fmt_int, fmt_num, fmt_pct


def _coding_state(v: View, n: int, seed: int) -> dict:
    """The coding sheet of this analysis (same columns as `wa-analyzer sample`), kept in the session."""
    from analyzer.classify.evaluate import stratified_sample

    key = (v.key, n, seed)
    state = st.session_state.get("coding")
    if not state or state.get("key") != key:
        msgs = v.report.messages
        sheet = stratified_sample(msgs[msgs["category"].notna()], n=n, seed=seed) if "category" in msgs else None
        old = (state or {}).get("labels", {})
        state = {"key": key, "sheet": sheet, "pos": 0, "labels": dict(old)}
        st.session_state["coding"] = state
    return state


def _coded_sheet(state: dict) -> pd.DataFrame:
    sheet = state["sheet"].copy()
    sheet["label"] = [state["labels"].get(int(line), "") for line in sheet["line"]]
    return sheet.astype({"label": "string"})


def _fitted_to_coding(v: View, state: dict, coded_rows: pd.DataFrame) -> dict | None:
    """The built-in classifier fitted to the coding (`analyzer.classify.coding_fit`, as
    `analyze --labels` does), when the user switches it on: its cross-fitted agreement and the
    chat's raw shares under it; kept in the session per set of labels. None (with a hint) for fewer
    than `MIN_CODED` coded messages or categories not made by the built-in classifier. It reads the
    messages as shown (pseudonymised when the page is), where the CLI fits on the text as read."""
    from analyzer.classify.categorise import PROVENANCE_ATTR, categorise
    from analyzer.classify.coding_fit import MIN_CODED, fit_chat_to_coding
    from analyzer.classify.model import shipped_model

    msgs = v.report.messages
    if (msgs.attrs.get(PROVENANCE_ATTR) or {}).get("classifier") != "hybrid":
        return None
    if len(coded_rows) < MIN_CODED:
        st.caption(v.tr("app.coding.fit_more", n=fmt_int(MIN_CODED, v.lang)))
        return None
    # a switch, off by default: fitting takes a second or more on a large chat, too slow to repeat
    # on every "Save & next"
    if not st.toggle(v.tr("app.coding.fit_toggle"), key="coding_fit"):
        return None
    key = tuple(sorted(zip(coded_rows["line"].astype(int), coded_rows["label"].astype(str))))
    cached = state.get("fitted")
    if cached and cached["key"] == key:
        return cached
    with st.spinner():
        model, summary = fit_chat_to_coding(msgs, coded_rows, shipped_model())
        if model is None:
            return None
        cats = categorise(msgs, model=model)["category"].dropna().astype(str)
    state["fitted"] = {"key": key, "summary": summary, "shares": cats.value_counts(normalize=True).to_dict()}
    return state["fitted"]


def coding_section(v: View) -> None:
    """Label ~50 sampled messages here, see agreement with the classifier and the corrected share."""
    from analyzer.classify import CATEGORIES
    from analyzer.classify.corrected import corrected_shares
    from analyzer.classify.evaluate import evaluate

    st.subheader(v.tr("app.coding.title"))
    st.caption(v.tr("app.coding.help"))
    c1, c2 = st.columns(2)
    n = int(c1.number_input(v.tr("app.coding.n"), min_value=10, max_value=500, value=CODING_N, step=10, key="coding_n"))
    seed = int(c2.number_input(v.tr("app.coding.seed"), min_value=0, value=0, step=1, key="coding_seed"))
    state = _coding_state(v, n, seed)
    sheet = state["sheet"]
    if sheet is None or sheet.empty:
        st.info(v.tr("app.coding.empty"))
        return
    upload = st.file_uploader(v.tr("app.coding.upload"), type=["csv"], key="coding_upload")
    if upload is not None and state.get("uploaded") != upload.file_id:
        try:
            got = pd.read_csv(io.BytesIO(upload.getvalue()), dtype={"label": "string"}, keep_default_na=False)
            labels = got["label"].astype("string").fillna("").str.strip().str.lower()
            lines = pd.to_numeric(got["line"], errors="raise").astype("int64")
        except (KeyError, ValueError, UnicodeDecodeError, pd.errors.ParserError):
            st.error(v.tr("app.coding.upload_bad"))
        else:
            bad = sorted(set(labels[labels != ""]) - set(CATEGORIES))
            if bad:
                st.error(v.tr("app.coding.upload_labels", labels=", ".join(bad)))
            else:
                state["labels"].update({int(ln): lab for ln, lab in zip(lines, labels) if lab})
                state["uploaded"] = upload.file_id
    total = len(sheet)
    pos = min(state["pos"], total - 1)
    row = sheet.iloc[pos]
    line = int(row["line"])
    coded = sum(1 for ln in sheet["line"] if state["labels"].get(int(ln)))
    st.progress(coded / total, text=v.tr("app.coding.progress", i=fmt_int(pos + 1, v.lang), n=fmt_int(total, v.lang),
                                         k=fmt_int(coded, v.lang)))
    with st.container(border=True):
        st.markdown(md_escape(row["text"]) if isinstance(row["text"], str) else "–")
        st.caption(v.tr("app.coding.auto", cat=category_label(v, row["category_auto"])))
        current = state["labels"].get(line)
        choice = st.radio(v.tr("app.coding.label"), options=list(CATEGORIES), horizontal=True,
                          index=list(CATEGORIES).index(current) if current in CATEGORIES else None,
                          format_func=lambda c: category_label(v, c), key=f"coding_label_{line}")
        b1, b2, b3 = st.columns(3)
        if b1.button(v.tr("app.coding.prev"), key="coding_prev", disabled=pos == 0):
            state["pos"] = max(pos - 1, 0)
            st.rerun()
        if b2.button(v.tr("app.coding.next"), key="coding_next", type="primary"):
            if choice:
                state["labels"][line] = choice
            state["pos"] = min(pos + 1, total - 1)
            st.rerun()
        if b3.button(v.tr("app.coding.skip"), key="coding_skip"):
            uncoded = [i for i, ln in enumerate(sheet["line"]) if not state["labels"].get(int(ln))]
            state["pos"] = next((i for i in uncoded if i > pos), uncoded[0] if uncoded else pos)
            st.rerun()
    done = _coded_sheet(state)
    st.download_button(v.tr("app.coding.download"), csv_bytes(done), file_name="coding.csv", mime="text/csv",
                       key="coding_download")
    coded_rows = done[done["label"] != ""]
    if coded_rows.empty:
        st.info(v.tr("app.coding.none_yet"))
        return
    ev = evaluate(coded_rows["category_auto"].astype(str).reset_index(drop=True),
                  coded_rows["label"].astype(str).reset_index(drop=True))
    st.markdown(v.tr("app.coding.agreement", k=fmt_int(ev["n"], v.lang), acc=fmt_pct(ev["accuracy"], v.lang),
                     kappa=fmt_num(ev["kappa"], v.lang), f1=fmt_num(ev["macro_f1"], v.lang)))
    if ev["left_out_of_macro"]:
        st.caption(v.tr("app.coding.left_out", cats=", ".join(category_label(v, c) for c in ev["left_out_of_macro"])))
    msgs = v.report.messages
    population = msgs["category"].dropna().astype(str).to_numpy()
    cs = corrected_shares(population, coded_rows["category_auto"].astype(str).to_numpy(),
                          coded_rows["label"].astype(str).to_numpy())
    fitted = _fitted_to_coding(v, state, coded_rows)
    table = pd.DataFrame({
        v.tr("app.coding.col.category"): [category_label(v, c) for c in cs["shares"]],
        v.tr("app.coding.col.raw"): [fmt_pct(x["raw"], v.lang, 1) for x in cs["shares"].values()],
        **({v.tr("app.coding.col.fitted"): [fmt_pct(fitted["shares"].get(c, 0.0), v.lang, 1) for c in cs["shares"]]}
           if fitted else {}),
        v.tr("app.coding.col.corrected"): [fmt_pct(x["corrected"], v.lang, 1) for x in cs["shares"].values()],
        v.tr("app.coding.col.ci"): [f"{fmt_pct(x['ci_low'], v.lang, 1)} – {fmt_pct(x['ci_high'], v.lang, 1)}"
                                    for x in cs["shares"].values()],
    })
    if fitted:
        a, b = fitted["summary"]["agreement"], fitted["summary"]["agreement_before"]
        st.markdown(v.tr("app.coding.fitted", acc=fmt_pct(a["accuracy"], v.lang), kappa=fmt_num(a["kappa"], v.lang),
                         f1=fmt_num(a["macro_f1"], v.lang), folds=fmt_int(fitted["summary"]["folds"], v.lang),
                         acc0=fmt_pct(b["accuracy"], v.lang), kappa0=fmt_num(b["kappa"], v.lang)))
    st.markdown(v.tr("app.coding.share_title"))
    st.dataframe(table, hide_index=True)
    if cs["uncorrected_strata"]:
        st.caption(v.tr("app.coding.uncorrected", cats=", ".join(category_label(v, c) for c in cs["uncorrected_strata"])))
