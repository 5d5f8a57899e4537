"""Plain-language findings and key numbers from a report dict, in Indonesian or English.

The HTML/PDF report and the dashboard's overview page show the same sentences, so they live here,
next to neither. Like the charts, this module only *words* what `analyze()` computed; the one
derivation is turning `min_share_for_80pct` (a fraction of members) back into a head count.

Returned strings are plain text that may contain chat-derived values (a busiest day is not, but a
future sentence could be): HTML callers must escape them.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

from analyzer.i18n import fmt_duration, fmt_int, fmt_num, fmt_pct, t


def _ok(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(float(x))


def summary_sentences(report: Mapping[str, Any], lang: str = "id") -> list[str]:
    """The headline findings, one sentence each, skipping any whose numbers are undefined."""
    out: list[str] = []
    p = report.get("participation") or {}
    n = p.get("n_members")
    if _ok(p.get("gini")) and _ok(p.get("min_share_for_80pct")) and _ok(n):
        k = max(1, round(p["min_share_for_80pct"] * n))
        out.append(t("sum.concentration", lang, k=fmt_int(k, lang), n=fmt_int(n, lang), gini=fmt_num(p["gini"], lang),
                     ci=t("ci95", lang), lo=fmt_num(p.get("gini_ci_low"), lang), hi=fmt_num(p.get("gini_ci_high"), lang)))
        if _ok(p.get("gini_null_mean")) and _ok(p.get("gini_null_p")):
            pv = p["gini_null_p"]
            draws = (report.get("parameters") or {}).get("null_draws")
            # p = 0 only means no draw reached the observed Gini: report the resolution instead.
            p_text = (f"p < {fmt_num(1 / draws, lang, 3)}" if pv == 0 and _ok(draws) and draws > 0
                      else f"p = {fmt_num(pv, lang, 3)}")
            verdict = t("sum.null.above" if pv < 0.05 else "sum.null.within", lang, p=p_text)
            out.append(t("sum.null", lang, null=fmt_num(p["gini_null_mean"], lang), verdict=verdict))
    if _ok(p.get("top1_share")):
        out.append(t("sum.top1", lang, p=fmt_pct(p["top1_share"], lang)))
    if p.get("silent_known") and _ok(p.get("silent_members")) and _ok(n):
        out.append(t("sum.silent", lang, s=fmt_int(p["silent_members"], lang), n=fmt_int(n, lang),
                     p=fmt_pct(p.get("silent_share"), lang)))
    elif p and not p.get("silent_known"):
        out.append(t("sum.silent_unknown", lang))

    lat = report.get("latency") or {}
    res = lat.get("resolution_s")  # minute exports: "under a minute", never "0 s"
    if _ok(lat.get("n_turns")) and lat["n_turns"] > 0:
        if _ok(lat.get("median_s")):
            out.append(t("sum.latency", lang, median=fmt_duration(lat["median_s"], lang, res),
                         p1h=fmt_pct(lat.get("km_answered_1h"), lang), un=fmt_pct(lat.get("unanswered_share"), lang),
                         limit=fmt_duration(lat.get("censor_limit_s"), lang)))
        else:
            out.append(t("sum.latency_none", lang))
        # Answers to requests under the evidence rule (issue 13), before their next response.
        c = report.get("content") or {}
        if _ok(c.get("requests")) and c["requests"] > 0 and _ok(c.get("request_answered_share")):
            window = ((c.get("request_answer_params") or {}).get("reply_window_s")
                      or (report.get("parameters") or {}).get("reply_window_s"))
            out.append(t("sum.answers", lang, a=fmt_int(c.get("requests_answered"), lang),
                         n=fmt_int(c["requests"], lang), p=fmt_pct(c["request_answered_share"], lang),
                         u=fmt_int(c["requests"] - (c.get("requests_answered") or 0), lang),
                         window=fmt_duration(window, lang)))
        # "Half the questions had a next response within 14 minutes" (issue 6): turns classified request.
        req = next((r for r in lat.get("by_category") or [] if r.get("category") == "request"), None)
        if req and _ok(req.get("median_s")):
            out.append(t("sum.questions", lang, median=fmt_duration(req["median_s"], lang, res),
                         n=fmt_int(req.get("n_turns"), lang)))

    a = report.get("activity") or {}
    if _ok(a.get("n_messages")) and a["n_messages"] > 0:
        out.append(t("sum.activity", lang, m=fmt_int(a["n_messages"], lang), d=fmt_int(a.get("n_days"), lang),
                     mean=fmt_num(a.get("messages_per_day_mean"), lang, 1), day=a.get("busiest_day") or "–",
                     max=fmt_int(a.get("messages_per_day_max"), lang)))

    c = report.get("content") or {}
    if _ok(c.get("business_news_share")):
        out.append(t("sum.news", lang, p=fmt_pct(c["business_news_share"], lang), k=fmt_int(c.get("news_sharers"), lang)))
        out.extend(share_basis_lines(c, lang))
    net = report.get("network") or {}
    if _ok(net.get("weak_tie_share")):
        out.append(t("sum.network", lang, p=fmt_pct(net["weak_tie_share"], lang)))
    return out


def key_numbers(report: Mapping[str, Any], lang: str = "id") -> list[tuple[str, str]]:
    """(label, formatted value) pairs for metric cards and the report's key-number table."""
    p = report.get("participation") or {}
    lat = report.get("latency") or {}
    rows = [
        (t("kpi.members", lang), fmt_int(p.get("n_members"), lang)),
        (t("kpi.posters", lang), fmt_int(p.get("n_posters"), lang)),
        (t("kpi.messages", lang), fmt_int(p.get("n_messages"), lang)),
        (t("kpi.gini", lang), f"{fmt_num(p.get('gini'), lang)} [{fmt_num(p.get('gini_ci_low'), lang)}–"
                              f"{fmt_num(p.get('gini_ci_high'), lang)}]"),
        (t("kpi.median_reply", lang), fmt_duration(lat.get("median_s"), lang, lat.get("resolution_s"))),
        (t("kpi.unanswered", lang), fmt_pct(lat.get("unanswered_share"), lang)),
    ]
    c = report.get("content") or {}
    if c.get("requests"):
        rows.append((t("kpi.requests_answered", lang), fmt_pct(c.get("request_answered_share"), lang)))
    if "business_news_share" in c:
        rows.append((t("kpi.news_share", lang), fmt_pct(c.get("business_news_share"), lang)))
        ci = c.get("business_news_share_ci") or [None, None]
        if c.get("share_basis") == "corrected" and _ok(c.get("business_news_share_corrected")):
            rows.append((t("kpi.news_share_corrected", lang),
                         f"{fmt_pct(c['business_news_share_corrected'], lang)} [{fmt_pct(ci[0], lang)}–{fmt_pct(ci[1], lang)}]"))
    net = report.get("network") or {}
    if "weak_tie_share" in net:
        rows.append((t("kpi.weak_tie_share", lang), fmt_pct(net.get("weak_tie_share"), lang)))
    return rows


def share_basis_lines(content: Mapping[str, Any], lang: str = "id") -> list[str]:
    """Whether the business-news share is raw or corrected, with its accuracy note (issue 12)."""
    c = content or {}
    if c.get("share_basis") == "corrected" and _ok(c.get("business_news_share_corrected")):
        ci = c.get("business_news_share_ci") or [None, None]
        n = (c.get("corrected_shares") or {}).get("n_coded")
        out = [t("sum.news_corrected", lang, p=fmt_pct(c["business_news_share_corrected"], lang),
                 lo=fmt_pct(ci[0], lang), hi=fmt_pct(ci[1], lang), n=fmt_int(n, lang))]
        fitted = (c.get("classifier_accuracy") or {}).get("this_chat") or {}
        if _ok(fitted.get("kappa")):
            out.append(t("sum.classifier_fitted", lang, n=fmt_int(fitted.get("n"), lang),
                         kappa=fmt_num(fitted["kappa"], lang), acc=fmt_pct(fitted.get("accuracy"), lang),
                         f1=fmt_num(fitted.get("macro_f1"), lang)))
        return out
    acc = c.get("classifier_accuracy") or {}
    cv = acc.get("random_rows") or {}
    if _ok(cv.get("kappa")):
        return [t("sum.news_raw", lang, kappa=fmt_num(cv["kappa"], lang), acc=fmt_pct(cv.get("accuracy"), lang),
                  f1=fmt_num(cv.get("macro_f1"), lang))]
    return [t("sum.news_raw_unknown", lang)]
