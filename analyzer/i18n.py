"""All user-facing strings of the charts, reports (and the dashboard) in Bahasa Indonesia and English.

One table, `TEXT`, maps a key to {"id": ..., "en": ...}; `t(key, lang, **fields)` looks it up and
fills `{placeholders}` with `str.format`. Keeping every language in one place means a translator edits
one file and a test can check that no key lacks a language (`missing_translations()`).

Number formatting follows the language: Indonesian writes 0,57 and 1.324 (decimal comma, thousands
point), English 0.57 and 1,324. Plotly gets the same convention through `PLOTLY_SEPARATORS`.

Key naming: `chart.<name>.title`, `chart.<name>.x`, `chart.<name>.y` for figures; `cat.<category>`
for message categories; `weekday.<Mon..Sun>`; `report.*` for the HTML/PDF report; `def.*` for the
metric definitions; `sum.*` for the plain-language summary sentences.
"""
from __future__ import annotations

import math
from typing import Final

LANGS: Final = ("id", "en")
DEFAULT_LANG: Final = "id"

PLOTLY_SEPARATORS: Final = {"id": ",.", "en": ".,"}
"""Plotly `layout.separators`: decimal mark then thousands mark."""

TEXT: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- generic
    "app.title": {"id": "Analisis grup WhatsApp UMKM", "en": "WhatsApp SME group analysis"},
    # ---------------------------------------------------------------- dashboard (app.py)
    "app.language": {"id": "Bahasa / Language", "en": "Language / Bahasa"},
    "app.sidebar.data": {"id": "Data chat", "en": "Chat data"},
    "app.sidebar.filters": {"id": "Saring", "en": "Filters"},
    "app.upload.label": {"id": "Unggah ekspor chat WhatsApp (.txt atau .zip)",
                         "en": "Upload a WhatsApp chat export (.txt or .zip)"},
    "app.upload.help": {
        "id": "File hanya dibaca di memori komputer ini: tidak disimpan ke disk dan tidak dikirim ke mana pun.",
        "en": "The file is only read in this computer's memory: never saved to disk, never sent anywhere."},
    "app.howto.title": {"id": "Cara mengekspor chat grup", "en": "How to export a group chat"},
    "app.howto.android_title": {"id": "Android", "en": "Android"},
    "app.howto.android": {
        "id": "1. Buka grup WhatsApp.\n2. Ketuk **⋮** (kanan atas) → **Lainnya** → **Ekspor chat**.\n"
              "3. Pilih **Tanpa media**.\n4. Kirim file ke laptop (mis. lewat email atau Google Drive), lalu "
              "unggah file **.txt** (atau **.zip**) di atas.",
        "en": "1. Open the WhatsApp group.\n2. Tap **⋮** (top right) → **More** → **Export chat**.\n"
              "3. Choose **Without media**.\n4. Send the file to your laptop (e.g. by e-mail or Google Drive), "
              "then upload the **.txt** (or **.zip**) file above."},
    "app.howto.iphone_title": {"id": "iPhone", "en": "iPhone"},
    "app.howto.iphone": {
        "id": "1. Buka grup WhatsApp.\n2. Ketuk **nama grup** di bagian atas, gulir ke bawah → **Ekspor Chat**.\n"
              "3. Pilih **Tanpa Media**.\n4. Simpan ke **File** atau kirim lewat email, lalu unggah file "
              "**.zip** itu apa adanya (tidak perlu diekstrak).",
        "en": "1. Open the WhatsApp group.\n2. Tap the **group name** at the top, scroll down → **Export Chat**.\n"
              "3. Choose **Without Media**.\n4. Save to **Files** or send it by e-mail, then upload the **.zip** "
              "file as it is (no need to unzip it)."},
    "app.howto.privacy": {
        "id": "Semua analisis berjalan di komputer ini. Nyalakan *Samarkan nama* sebelum berbagi layar atau unduhan.",
        "en": "All analysis runs on this computer. Turn on *Anonymise names* before sharing your screen or downloads."},
    "app.anonymise": {"id": "Samarkan nama dan nomor", "en": "Anonymise names and numbers"},
    "app.anonymise.help": {
        "id": "Mengganti setiap nama anggota, nomor telepon, email dan tautan pribadi dengan kode samaran (P-…) "
              "di layar dan di semua unduhan.",
        "en": "Replaces every member name, phone number, e-mail address and personal link with a pseudonym "
              "(P-…) on screen and in every download."},
    "app.anonymised_note": {"id": "Nama dan nomor disamarkan (P-…).", "en": "Names and numbers are pseudonymised (P-…)."},
    "app.filter.dates": {"id": "Rentang tanggal", "en": "Date range"},
    "app.filter.dates_help": {"id": "Hanya pesan dalam rentang ini yang dianalisis.",
                              "en": "Only messages in this range are analysed."},
    "app.filter.exclude": {"id": "Kecualikan anggota (bot, admin)", "en": "Exclude members (bots, admins)"},
    "app.filter.exclude_help": {
        "id": "Pesan mereka dihapus dari analisis dan mereka tidak dihitung sebagai anggota.",
        "en": "Their messages are left out of the analysis and they are not counted as members."},
    "app.filter.exclude_placeholder": {"id": "Pilih anggota…", "en": "Choose members…"},
    "app.status.reading": {"id": "Membaca file chat…", "en": "Reading the chat file…"},
    "app.status.analysing": {"id": "Menganalisis pesan…", "en": "Analysing the messages…"},
    "app.status.network": {
        "id": "Jaringan balasan sedang dihitung; angkanya muncul sendiri sebentar lagi.",
        "en": "The reply network is being computed; its numbers will appear by themselves in a moment."},
    "app.net.failed": {"id": "Jaringan balasan tidak bisa dihitung untuk pilihan ini.",
                       "en": "The reply network could not be computed for this selection."},
    "app.error.parse": {"id": "File \u201c{name}\u201d tidak bisa dibaca sebagai ekspor chat WhatsApp: {message}",
                        "en": "The file \u201c{name}\u201d could not be read as a WhatsApp chat export: {message}"},
    "app.zip.several": {
        "id": "Arsip zip ini berisi {n} file chat. Pilih satu di bawah.",
        "en": "This zip archive holds {n} chat files. Pick one below."},
    "app.zip.pick": {"id": "File chat dalam zip", "en": "Chat file in the zip"},
    "app.network_exposed": {
        "id": "Dasbor ini terbuka untuk jaringan (alamat {address}): siapa pun di Wi-Fi yang sama dapat membuka "
              "chat yang dimuat. Jalankan `make run` agar hanya bisa dibuka dari komputer ini.",
        "en": "This dashboard is open to the network (address {address}): anyone on the same Wi-Fi can open the "
              "chat that is loaded. Run `make run` to serve it to this computer only."},
    "app.error.hint": {
        "id": "Pastikan file berasal dari menu **Ekspor chat** WhatsApp (lihat *Cara mengekspor chat grup* di "
              "samping), lalu unggah lagi.",
        "en": "Make sure the file comes from WhatsApp's **Export chat** menu (see *How to export a group chat* on "
              "the side), then upload it again."},
    "app.error.parameters": {"id": "Saringan ini tidak bisa dipakai: {message}",
                             "en": "These filters cannot be used: {message}"},
    "app.caption": {"id": "Sumber: {source} · periode {period} · {messages} pesan · {members} anggota",
                    "en": "Source: {source} · period {period} · {messages} messages · {members} members"},
    "app.sample_note": {
        "id": "Ini contoh grup UMKM (data buatan). Unggah ekspor chat grup Anda di samping untuk melihat hasilnya.",
        "en": "This is a sample SME group (synthetic data). Upload your own group's chat export on the side to "
              "see its results."},
    "app.tab.overview": {"id": "Ringkasan", "en": "Overview"},
    "app.tab.participation": {"id": "Partisipasi", "en": "Participation"},
    "app.tab.sharing": {"id": "Berbagi informasi", "en": "Information sharing"},
    "app.tab.network": {"id": "Jaringan", "en": "Network"},
    "app.tab.responsiveness": {"id": "Respons", "en": "Responsiveness"},
    "app.tab.activity": {"id": "Aktivitas", "en": "Activity"},
    "app.tab.data": {"id": "Data", "en": "Data"},
    "app.overview.findings": {"id": "Temuan utama", "en": "Key findings"},
    "app.overview.none": {"id": "Belum ada pesan dalam periode ini.", "en": "There are no messages in this period."},
    "app.overview.definitions": {"id": "Apa arti angka-angka ini?", "en": "What do these numbers mean?"},
    "app.chart.missing": {"id": "Bagian ini belum tersedia untuk analisis ini.",
                          "en": "This part is not available for this analysis yet."},
    "app.chart.error": {"id": "Grafik \u201c{name}\u201d tidak bisa ditampilkan.",
                        "en": "The chart \u201c{name}\u201d could not be shown."},
    "app.chart.download_help": {"id": "Unduh grafik ini sebagai {fmt}", "en": "Download this chart as {fmt}"},
    "app.section.error": {"id": "Bagian ini tidak bisa ditampilkan ({error}).",
                          "en": "This part could not be shown ({error})."},
    "app.notes": {"id": "Catatan metode", "en": "Method notes"},
    "app.part.gini_help": {
        "id": "0 = semua anggota menulis sama banyak; 1 = satu orang menulis semuanya.",
        "en": "0 = every member wrote the same amount; 1 = one person wrote everything."},
    "app.part.effective": {"id": "Penulis efektif", "en": "Effective posters"},
    "app.part.effective_help": {
        "id": "Jumlah anggota yang sama aktif yang akan menghasilkan konsentrasi yang sama (1/HHI).",
        "en": "How many equally active members would give the same concentration (1/HHI)."},
    "app.part.top1": {"id": "Pangsa anggota teraktif", "en": "Share of the most active member"},
    "app.part.silent": {"id": "Anggota diam", "en": "Silent members"},
    "app.part.silent_count": {"id": "{s} dari {n} anggota tidak menulis apa pun dalam periode ini:",
                              "en": "{s} of {n} members wrote nothing in this period:"},
    "app.part.no_silent": {"id": "Setiap anggota yang diketahui menulis setidaknya satu pesan.",
                           "en": "Every known member wrote at least one message."},
    "app.pending.content": {
        "id": "Klasifikasi pesan (berita bisnis, promosi, permintaan, …) belum ada dalam laporan ini.",
        "en": "Message categories (business news, promotion, request, …) are not in this report yet."},
    "app.pending.network": {
        "id": "Jaringan balasan (siapa membalas siapa, ikatan lemah, broker) belum ada dalam laporan ini.",
        "en": "The reply network (who answers whom, weak ties, brokers) is not in this report yet."},
    "app.sharing.examples": {"id": "Contoh pesan per kategori", "en": "Example messages per category"},
    "app.sharing.examples_help": {
        "id": "Kolom *Alasan* menunjukkan aturan atau kata kunci yang menentukan kategori.",
        "en": "The *Reason* column shows the rule or cue word that decided the category."},
    "app.net.nodes": {"id": "Anggota dalam jaringan", "en": "Members in the network"},
    "app.net.edges": {"id": "Hubungan", "en": "Ties"},
    "app.net.modularity": {"id": "Modularitas", "en": "Modularity"},
    "app.net.caution": {
        "id": "Hati-hati: \u201cbalasan\u201d ditebak dari urutan pesan. Satu anggota yang sangat aktif menarik "
              "\u201cbalasan\u201d dari siapa pun yang menulis sesudahnya.",
        "en": "Caution: \u201creplies\u201d are inferred from the order of messages. One very active member "
              "attracts \u201creplies\u201d from whoever writes next."},
    "app.net.brokers": {"id": "Broker (penghubung antarkelompok)", "en": "Brokers (who connects groups)"},
    "app.net.brokers_help": {
        "id": "Betweenness tinggi dan constraint rendah: anggota yang menghubungkan bagian grup yang jarang bicara.",
        "en": "High betweenness and low constraint: members who connect parts of the group that rarely talk."},
    "app.resp.p75": {"id": "3 dari 4 dibalas dalam", "en": "3 in 4 answered within"},
    "app.resp.p75_help": {"id": "Kuantil ke-75 waktu balas (Kaplan–Meier).",
                          "en": "75th percentile of the reply time (Kaplan–Meier)."},
    "app.resp.within_1h": {"id": "Dibalas dalam 1 jam", "en": "Answered within 1 hour"},
    "app.resp.unanswered_help": {"id": "Tidak ada balasan dari anggota lain dalam {limit}.",
                                 "en": "No reply from another member within {limit}."},
    "app.resp.unanswered_turns": {"id": "Pesan yang tidak dibalas", "en": "Unanswered messages"},
    "app.resp.unanswered_turns_help": {
        "id": "Pesan terakhir setiap giliran yang tidak dibalas anggota lain, terbaru dulu; kolom Kategori "
              "menunjukkan pertanyaan (Permintaan).",
        "en": "The last message of every turn no other member answered, newest first; the Category column "
              "shows the questions (Request)."},
    "app.resp.all_answered": {"id": "Semua giliran dibalas.", "en": "Every turn was answered."},
    "app.resp.by_category": {"id": "Waktu balas menurut jenis pesan", "en": "Reply time by message category"},
    "app.sharing.news_domains": {"id": "Sumber tautan dalam berita bisnis", "en": "Link sources in business news"},
    "app.data.search": {"id": "Cari pesan", "en": "Search messages"},
    "app.data.search_hint": {"id": "kata atau nama, mis. KUR", "en": "a word or a name, e.g. KUR"},
    "app.data.count": {"id": "Menampilkan {shown} dari {total} pesan yang cocok (total {all} baris).",
                       "en": "Showing {shown} of {total} matching messages ({all} rows in all)."},
    "app.data.downloads": {"id": "Unduhan", "en": "Downloads"},
    "app.data.downloads_help": {
        "id": "File yang sama dengan perintah `wa-analyzer analyze`, dengan saringan dan penyamaran yang aktif.",
        "en": "The same files as the `wa-analyzer analyze` command, with the active filters and pseudonyms."},
    "app.data.parameters": {"id": "Parameter analisis", "en": "Analysis parameters"},
    "app.col.time": {"id": "Waktu", "en": "Time"},
    "app.col.author": {"id": "Pengirim", "en": "Author"},
    "app.col.text": {"id": "Pesan", "en": "Message"},
    "app.col.kind": {"id": "Jenis", "en": "Kind"},
    "app.col.category": {"id": "Kategori", "en": "Category"},
    "app.col.reason": {"id": "Alasan", "en": "Reason"},
    "app.col.reply_to": {"id": "Membalas", "en": "Replies to"},
    "app.col.latency_s": {"id": "Waktu balas (dtk)", "en": "Reply time (s)"},
    "app.col.answered": {"id": "Dibalas", "en": "Answered"},
    "app.col.member": {"id": "Anggota", "en": "Member"},
    "app.col.links": {"id": "Tautan", "en": "Links"},
    "app.col.betweenness": {"id": "Betweenness", "en": "Betweenness"},
    "app.col.constraint": {"id": "Constraint (Burt)", "en": "Constraint (Burt)"},
    "app.col.effective_size": {"id": "Ukuran efektif", "en": "Effective size"},
    "app.col.degree": {"id": "Jumlah kontak", "en": "Degree (contacts)"},
    "app.col.strength": {"id": "Jumlah balasan", "en": "Strength (replies)"},
    "app.quality.title": {"id": "Kualitas pembacaan file", "en": "How well the file was read"},
    "app.quality.ok": {"id": "Tidak ada peringatan: setiap baris terbaca dengan satu format.",
                       "en": "No warnings: every line was read with one format."},
    "app.quality.ambiguous": {"id": "tidak pasti", "en": "ambiguous"},
    "app.quality.platform": {"id": "Platform", "en": "Platform"},
    "app.quality.date_order": {"id": "Urutan tanggal", "en": "Date order"},
    "app.quality.date_order_reason": {"id": "Alasan urutan tanggal", "en": "Why this date order"},
    "app.quality.clock": {"id": "Format jam", "en": "Clock"},
    "app.quality.resolution": {"id": "Ketelitian waktu", "en": "Time resolution"},
    "app.quality.language": {"id": "Bahasa ekspor", "en": "Export language"},
    "app.quality.lines": {"id": "Baris", "en": "Lines"},
    "app.quality.records": {"id": "Rekaman", "en": "Records"},
    "app.quality.skipped": {"id": "Baris dilewati", "en": "Skipped lines"},
    "app.quality.unparsed": {"id": "Baris mirip header yang tak terbaca", "en": "Header-like lines not read"},
    "app.quality.replaced": {"id": "Byte tak terbaca (diganti)", "en": "Unreadable bytes (replaced)"},
    "app.quality.out_of_order": {"id": "Rekaman tidak urut waktu", "en": "Records out of time order"},
    "app.quality.samples": {"id": "Contoh baris yang tak terbaca:", "en": "Examples of lines not read:"},
    "no_data": {"id": "Tidak ada data", "en": "No data"},
    "members": {"id": "anggota", "en": "members"},
    "messages": {"id": "pesan", "en": "messages"},
    "turns": {"id": "giliran", "en": "turns"},
    "share": {"id": "Pangsa", "en": "Share"},
    "count": {"id": "Jumlah", "en": "Count"},
    "member": {"id": "Anggota", "en": "Member"},
    "month": {"id": "Bulan", "en": "Month"},
    "date": {"id": "Tanggal", "en": "Date"},
    "hour": {"id": "Jam", "en": "Hour"},
    "other": {"id": "Lainnya", "en": "Other"},
    "ci95": {"id": "IK 95%", "en": "95% CI"},
    # ---------------------------------------------------------------- durations
    "unit.s": {"id": "{v} dtk", "en": "{v} s"},
    "unit.min": {"id": "{v} mnt", "en": "{v} min"},
    "unit.h": {"id": "{v} jam", "en": "{v} h"},
    "unit.d": {"id": "{v} hari", "en": "{v} d"},
    # ---------------------------------------------------------------- weekdays (activity.hour_weekday)
    "weekday.Mon": {"id": "Sen", "en": "Mon"},
    "weekday.Tue": {"id": "Sel", "en": "Tue"},
    "weekday.Wed": {"id": "Rab", "en": "Wed"},
    "weekday.Thu": {"id": "Kam", "en": "Thu"},
    "weekday.Fri": {"id": "Jum", "en": "Fri"},
    "weekday.Sat": {"id": "Sab", "en": "Sat"},
    "weekday.Sun": {"id": "Min", "en": "Sun"},
    # ---------------------------------------------------------------- message categories (classify.CATEGORIES)
    "cat.business_news": {"id": "Berita bisnis", "en": "Business news"},
    "cat.promotion": {"id": "Promosi", "en": "Promotion"},
    "cat.request": {"id": "Permintaan", "en": "Request"},
    "cat.coordination": {"id": "Koordinasi", "en": "Coordination"},
    "cat.social": {"id": "Sosial", "en": "Social"},
    "cat.other": {"id": "Lainnya", "en": "Other"},
    # ---------------------------------------------------------------- charts
    "chart.lorenz.title": {"id": "Kurva Lorenz pesan per anggota", "en": "Lorenz curve of messages per member"},
    "chart.lorenz.subtitle": {"id": "Gini {gini} ({ci}: {lo}–{hi}) · {n} anggota",
                              "en": "Gini {gini} ({ci}: {lo}–{hi}) · {n} members"},
    "chart.lorenz.x": {"id": "Pangsa kumulatif anggota (paling sedikit dulu)",
                       "en": "Cumulative share of members (fewest first)"},
    "chart.lorenz.y": {"id": "Pangsa kumulatif pesan", "en": "Cumulative share of messages"},
    "chart.lorenz.curve": {"id": "Kurva Lorenz", "en": "Lorenz curve"},
    "chart.lorenz.equality": {"id": "Kesetaraan sempurna", "en": "Perfect equality"},
    "chart.top_posters.title": {"id": "Anggota paling aktif", "en": "Most active members"},
    "chart.top_posters.subtitle": {"id": "{k} teratas dari {n} anggota · {p} dari semua pesan",
                                   "en": "Top {k} of {n} members · {p} of all messages"},
    "chart.top_posters.x": {"id": "Pangsa pesan", "en": "Share of messages"},
    "chart.top_posters.y": {"id": "Anggota", "en": "Member"},
    "chart.monthly_gini.title": {"id": "Ketimpangan partisipasi per bulan", "en": "Participation inequality by month"},
    "chart.monthly_gini.subtitle": {"id": "Gini pesan; garis putus-putus: seluruh periode ({gini})",
                                    "en": "Gini of messages; dashed: whole period ({gini})"},
    "chart.monthly_gini.x": {"id": "Bulan", "en": "Month"},
    "chart.monthly_gini.y": {"id": "Koefisien Gini", "en": "Gini coefficient"},
    "chart.monthly_gini.overall": {"id": "Seluruh periode", "en": "Whole period"},
    "chart.category_shares.title": {"id": "Jenis pesan per bulan", "en": "Message categories by month"},
    "chart.category_shares.subtitle": {"id": "Pangsa pesan teks per kategori", "en": "Share of text messages per category"},
    "chart.category_shares.x": {"id": "Bulan", "en": "Month"},
    "chart.category_shares.y": {"id": "Pangsa pesan", "en": "Share of messages"},
    "chart.category_shares.all": {"id": "Seluruh periode", "en": "Whole period"},
    "chart.news_sharers.title": {"id": "Siapa yang membagikan berita bisnis", "en": "Who shares business news"},
    "chart.news_sharers.subtitle": {"id": "{k} dari {n} anggota membagikan berita bisnis ({p} pesan teks)",
                                    "en": "{k} of {n} members shared business news ({p} of text messages)"},
    "chart.news_sharers.x": {"id": "Pesan berita bisnis", "en": "Business news messages"},
    "chart.news_sharers.y": {"id": "Anggota", "en": "Member"},
    "chart.latency_survival.title": {"id": "Berapa lama sampai dibalas", "en": "Time until a reply"},
    "chart.latency_survival.subtitle": {"id": "Kaplan–Meier · {n} giliran · median {median}",
                                        "en": "Kaplan–Meier · {n} turns · median {median}"},
    "chart.latency_survival.x": {"id": "Waktu sejak giliran berakhir (skala log)",
                                 "en": "Time since the turn ended (log scale)"},
    "chart.latency_survival.y": {"id": "Pangsa giliran belum dibalas", "en": "Share of turns not yet answered"},
    "chart.latency_survival.median": {"id": "median", "en": "median"},
    "chart.latency_by_hour.title": {"id": "Waktu balas menurut jam", "en": "Reply time by hour of day"},
    "chart.latency_by_hour.subtitle": {"id": "Median Kaplan–Meier per jam akhir giliran",
                                       "en": "Kaplan–Meier median by hour the turn ended"},
    "chart.latency_by_hour.x": {"id": "Jam", "en": "Hour of day"},
    "chart.latency_by_hour.y": {"id": "Median waktu balas (menit)", "en": "Median reply time (minutes)"},
    "chart.activity_heatmap.title": {"id": "Kapan grup aktif", "en": "When the group is active"},
    "chart.activity_heatmap.subtitle": {"id": "Jumlah pesan per jam dan hari", "en": "Messages per hour and weekday"},
    "chart.activity_heatmap.x": {"id": "Jam", "en": "Hour of day"},
    "chart.activity_heatmap.y": {"id": "Hari", "en": "Weekday"},
    "chart.activity_heatmap.colorbar": {"id": "Pesan", "en": "Messages"},
    "chart.timeline.title": {"id": "Pesan per hari", "en": "Messages per day"},
    "chart.timeline.subtitle": {"id": "Rata-rata {mean} per hari · tersibuk {day} ({max})",
                                "en": "Mean {mean} per day · busiest {day} ({max})"},
    "chart.timeline.x": {"id": "Tanggal", "en": "Date"},
    "chart.timeline.y": {"id": "Pesan", "en": "Messages"},
    "chart.joins_leaves.title": {"id": "Anggota masuk dan keluar", "en": "Members joining and leaving"},
    "chart.joins_leaves.subtitle": {"id": "Dari pesan sistem, per bulan", "en": "From system lines, per month"},
    "chart.joins_leaves.x": {"id": "Bulan", "en": "Month"},
    "chart.joins_leaves.y": {"id": "Anggota", "en": "Members"},
    "chart.joins_leaves.joins": {"id": "Masuk (ditambahkan/tautan)", "en": "Joined (added/link)"},
    "chart.joins_leaves.leaves": {"id": "Keluar (keluar/dikeluarkan)", "en": "Left (left/removed)"},
    "chart.emoji.title": {"id": "Emoji terpopuler", "en": "Most used emoji"},
    "chart.emoji.subtitle": {"id": "{p} pesan memakai emoji", "en": "{p} of messages use emoji"},
    "chart.emoji.x": {"id": "Pangsa dari semua emoji", "en": "Share of all emoji"},
    "chart.emoji.y": {"id": "Emoji", "en": "Emoji"},
    "chart.domains.title": {"id": "Domain tautan terbanyak", "en": "Most shared link domains"},
    "chart.domains.subtitle": {"id": "{p} pesan berisi tautan", "en": "{p} of messages contain a link"},
    "chart.domains.x": {"id": "Pangsa dari semua tautan", "en": "Share of all links"},
    "chart.domains.y": {"id": "Domain", "en": "Domain"},
    "chart.network.title": {"id": "Jaringan balasan", "en": "Reply network"},
    "chart.network.subtitle": {
        "id": "{n} anggota, {e} ikatan · Δ = {d} menit · ukuran = pesan, warna = komunitas",
        "en": "{n} members, {e} ties · Δ = {d} min · size = messages, colour = community"},
    "chart.network.strong": {"id": "ikatan kuat (w > {w})", "en": "strong tie (w > {w})"},
    "chart.network.weak": {"id": "ikatan lemah (w ≤ {w})", "en": "weak tie (w ≤ {w})"},
    "chart.network.community": {"id": "komunitas {c} ({n} anggota)", "en": "community {c} ({n} members)"},
    "chart.network.other_communities": {"id": "komunitas lain ({n} anggota)", "en": "other communities ({n} members)"},
    "chart.network.hover": {"id": "{m}<br>pesan: {x}<br>komunitas: {c}<br>betweenness: {b}",
                            "en": "{m}<br>messages: {x}<br>community: {c}<br>betweenness: {b}"},
    "chart.network.empty": {"id": "Tidak ada balasan atau mention pada periode ini",
                            "en": "No replies or mentions in this period"},
    # ---------------------------------------------------------------- report
    "report.title": {"id": "Laporan analisis grup WhatsApp", "en": "WhatsApp group analysis report"},
    "report.source": {"id": "Sumber", "en": "Source"},
    "report.period": {"id": "Periode", "en": "Period"},
    "report.generated": {"id": "Dibuat dengan {tool} {version}", "en": "Made with {tool} {version}"},
    "report.summary": {"id": "Ringkasan", "en": "Summary"},
    "report.key_numbers": {"id": "Angka utama", "en": "Key numbers"},
    "report.charts": {"id": "Grafik", "en": "Charts"},
    "report.tables": {"id": "Tabel", "en": "Tables"},
    "report.parameters": {"id": "Parameter", "en": "Parameters"},
    "report.parameters.intro": {
        "id": "Semua parameter yang dipakai analisis ini. Dengan berkas ekspor yang sama, versi alat yang sama "
              "dan perintah di bawah, angka-angka laporan ini dapat dihasilkan ulang persis.",
        "en": "Every parameter this analysis used. With the same export file, the same tool version and the "
              "command below, the numbers of this report can be reproduced exactly."},
    "report.command": {"id": "Perintah", "en": "Command"},
    "report.format": {"id": "Format ekspor yang terdeteksi", "en": "Detected export format"},
    "report.window": {"id": "Jendela analisis", "en": "Analysis window"},
    "report.definitions": {"id": "Definisi metrik", "en": "Metric definitions"},
    "report.references": {"id": "Rujukan", "en": "References"},
    "report.warnings": {"id": "Peringatan dan catatan", "en": "Warnings and notes"},
    "report.none": {"id": "tidak ada", "en": "none"},
    "report.key": {"id": "Kunci", "en": "Key"},
    "report.value": {"id": "Nilai", "en": "Value"},
    "report.metric": {"id": "Metrik", "en": "Metric"},
    "report.table.top_posters": {"id": "Anggota paling aktif", "en": "Most active members"},
    "report.table.monthly": {"id": "Partisipasi per bulan", "en": "Participation by month"},
    "report.table.latency_by_hour": {"id": "Waktu balas per jam", "en": "Reply time by hour"},
    "report.table.latency_by_member": {"id": "Waktu balas per anggota", "en": "Reply time by member"},
    "report.table.domains": {"id": "Domain tautan", "en": "Link domains"},
    "report.table.emoji": {"id": "Emoji", "en": "Emoji"},
    "report.table.joins_leaves": {"id": "Masuk dan keluar per bulan", "en": "Joins and leaves by month"},
    "report.table.categories": {"id": "Kategori pesan", "en": "Message categories"},
    "report.table.news_sharers": {"id": "Pembagi berita bisnis", "en": "Business news sharers"},
    "report.col.period": {"id": "Periode", "en": "Period"},
    "report.col.messages": {"id": "Pesan", "en": "Messages"},
    "report.col.posters": {"id": "Penulis", "en": "Posters"},
    "report.col.members": {"id": "Anggota", "en": "Members"},
    "report.col.gini": {"id": "Gini", "en": "Gini"},
    "report.col.turns": {"id": "Giliran", "en": "Turns"},
    "report.col.median": {"id": "Median balas", "en": "Median reply"},
    "report.col.answered_1h": {"id": "Dibalas ≤ 1 jam", "en": "Answered ≤ 1 h"},
    "report.col.answered": {"id": "Dibalas", "en": "Answered"},
    "report.col.unanswered": {"id": "Tak dibalas", "en": "Unanswered"},
    "report.col.domain": {"id": "Domain", "en": "Domain"},
    "report.col.emoji": {"id": "Emoji", "en": "Emoji"},
    "report.col.joins": {"id": "Masuk", "en": "Joined"},
    "report.col.leaves": {"id": "Keluar", "en": "Left"},
    "report.col.category": {"id": "Kategori", "en": "Category"},
    "report.col.hour": {"id": "Jam", "en": "Hour"},
    "report.col.count": {"id": "Jumlah", "en": "Count"},
    "report.col.news": {"id": "Berita bisnis", "en": "Business news"},
    "report.col.share": {"id": "Pangsa", "en": "Share"},
    "report.col.member": {"id": "Anggota", "en": "Member"},
    "kpi.members": {"id": "Anggota", "en": "Members"},
    "kpi.posters": {"id": "Pernah menulis", "en": "Posted"},
    "kpi.messages": {"id": "Pesan", "en": "Messages"},
    "kpi.gini": {"id": "Gini (pesan)", "en": "Gini (messages)"},
    "kpi.median_reply": {"id": "Median waktu balas", "en": "Median reply time"},
    "kpi.unanswered": {"id": "Giliran tak dibalas", "en": "Unanswered turns"},
    "kpi.news_share": {"id": "Pangsa berita bisnis", "en": "Business news share"},
    "kpi.weak_tie_share": {"id": "Pangsa ikatan lemah", "en": "Weak-tie share"},
    # ---------------------------------------------------------------- summary sentences (narrative.py)
    "sum.concentration": {
        "id": "{k} dari {n} anggota menulis 80% pesan; Gini = {gini} ({ci} {lo}–{hi}).",
        "en": "{k} of {n} members wrote 80% of the messages; Gini = {gini} ({ci} {lo}–{hi})."},
    "sum.null": {
        "id": "Jika setiap pesan ditulis anggota acak, Gini rata-rata hanya {null}: konsentrasi yang teramati "
            "{verdict}.",
        "en": "If every message had a random author, the Gini would average only {null}: the observed "
            "concentration {verdict}."},
    "sum.null.above": {"id": "bukan kebetulan ({p})", "en": "is not chance ({p})"},
    "sum.null.within": {"id": "bisa jadi kebetulan ({p})", "en": "could be chance ({p})"},
    "sum.top1": {"id": "Anggota paling aktif menulis {p} dari semua pesan.",
                 "en": "The most active member wrote {p} of all messages."},
    "sum.silent": {"id": "{s} dari {n} anggota ({p}) tidak pernah menulis dalam periode ini.",
                   "en": "{s} of {n} members ({p}) never posted in this period."},
    "sum.silent_unknown": {
        "id": "Jumlah anggota diam tidak diketahui (tidak ada pesan masuk grup atau daftar anggota).",
        "en": "The number of silent members is unknown (no join lines or member roster)."},
    "sum.latency": {
        "id": "Separuh giliran dibalas dalam {median}; {p1h} dalam 1 jam; {un} tidak dibalas dalam {limit}.",
        "en": "Half of the turns were answered within {median}; {p1h} within 1 hour; {un} got no reply within {limit}."},
    "sum.questions": {"id": "Separuh pertanyaan dan permintaan ({n} giliran) dibalas dalam {median}.",
                      "en": "Half of the questions and requests ({n} turns) were answered within {median}."},
    "sum.latency_none": {"id": "Kurang dari separuh giliran dibalas, jadi median waktu balas tidak terdefinisi.",
                         "en": "Fewer than half of the turns were answered, so the median reply time is undefined."},
    "sum.activity": {
        "id": "{m} pesan dalam {d} hari (rata-rata {mean} per hari); hari tersibuk {day} dengan {max} pesan.",
        "en": "{m} messages over {d} days (mean {mean} per day); the busiest day was {day} with {max} messages."},
    "sum.news": {"id": "{p} pesan teks adalah berita bisnis; {k} anggota membagikannya.",
                 "en": "{p} of text messages were business news, shared by {k} members."},
    "sum.network": {"id": "{p} hubungan antar-anggota adalah ikatan lemah.",
                    "en": "{p} of the ties between members are weak ties."},
    # ---------------------------------------------------------------- metric definitions (report)
    "def.members": {
        "id": "Anggota: semua yang menulis pesan, disebut dalam pesan masuk/keluar/ditambahkan, atau ada di daftar "
              "anggota. Anggota diam: 0 pesan dalam jendela. Pesan = rekaman pengguna (teks, media, dihapus, "
              "panggilan), bukan pesan sistem.",
        "en": "Members: everyone who posted, was named in a join/add/leave/remove line, or is on the roster. Silent "
              "member: 0 messages in the window. Messages are user records (text, media, deleted, call), never "
              "system lines."},
    "def.gini": {
        "id": "Gini = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ), xᵢ = pesan anggota i (anggota diam = 0). Gini terkoreksi = Gini · "
              "n/(n−1). Selang kepercayaan 95%: bootstrap persentil atas anggota (B ulangan, seed tetap). Nol "
              "kebetulan: penulis setiap pesan diundi seragam dari n anggota; p = pangsa undian dengan Gini ≥ "
              "teramati.",
        "en": "Gini = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ), xᵢ = messages of member i (silent members count 0). Corrected "
              "Gini = Gini · n/(n−1). 95% interval: percentile bootstrap over members (B resamples, fixed seed). "
              "Chance null: each message's author drawn uniformly from the n members; p = share of draws with "
              "Gini ≥ observed."},
    "def.lorenz": {
        "id": "Kurva Lorenz: titik (k/n, Σ_{i≤k} x₍ᵢ₎/S), k = 0..n, anggota diurutkan dari yang paling sedikit; "
              "diagonal = kesetaraan sempurna. Gini = dua kali luas antara diagonal dan kurva.",
        "en": "Lorenz curve: points (k/n, Σ_{i≤k} x₍ᵢ₎/S), k = 0..n, members sorted fewest first; the diagonal is "
              "perfect equality. Gini = twice the area between diagonal and curve."},
    "def.other_indices": {
        "id": "Hoover = ½ Σ |xᵢ/S − 1/n|; Theil = (1/n) Σ (xᵢ/μ) ln(xᵢ/μ); HHI = Σ (xᵢ/S)², anggota efektif = "
              "1/HHI; pangsa top-k: k = ⌈p·n⌉ anggota teratas; pangsa minimum untuk 50%/80%: fraksi anggota "
              "terkecil yang bersama menulis 50%/80% pesan.",
        "en": "Hoover = ½ Σ |xᵢ/S − 1/n|; Theil = (1/n) Σ (xᵢ/μ) ln(xᵢ/μ); HHI = Σ (xᵢ/S)², effective posters = "
              "1/HHI; top-k shares: k = ⌈p·n⌉ top members; minimum share for 50%/80%: the smallest fraction of "
              "members who together wrote 50%/80% of the messages."},
    "def.turns": {
        "id": "Giliran: rangkaian pesan berurutan seorang penulis, masing-masing ≤ τ_burst dari sebelumnya. "
              "Sisi balasan A→B: giliran A yang dimulai ≤ Δ setelah giliran B (B ≠ A) berakhir.",
        "en": "Turn: a maximal run of consecutive messages by one author, each within τ_burst of the previous. "
              "Reply edge A→B: a turn of A starting within Δ after the end of B's turn (B ≠ A)."},
    "def.latency": {
        "id": "Waktu balas sebuah giliran = awal giliran berikutnya oleh penulis lain − akhir giliran ini, jika ≤ "
              "batas sensor dan sebelum akhir pengamatan; selain itu giliran tak dibalas (tersensor kanan). "
              "Median dan kuantil: estimator Kaplan–Meier. Ekspor Android hanya mencatat menit (±60 dtk).",
        "en": "A turn's reply time = start of the next turn by another author − end of this turn, if ≤ the censor "
              "limit and before the end of observation; otherwise the turn is unanswered (right-censored). "
              "Median and quantiles: Kaplan–Meier estimator. Android exports record minutes only (±60 s)."},
    "def.burstiness": {
        "id": "Burstiness B = (σ − μ)/(σ + μ) dari jeda antar-pesan grup: −1 periodik, 0 Poisson, → 1 meledak-ledak.",
        "en": "Burstiness B = (σ − μ)/(σ + μ) of the group's inter-message times: −1 periodic, 0 Poisson, → 1 bursty."},
    "def.activity": {
        "id": "Aktivitas: pesan per hari (termasuk hari tanpa pesan), matriks jam × hari (waktu lokal ponsel "
              "pengekspor), masuk (ditambahkan + lewat tautan) dan keluar (keluar + dikeluarkan) per bulan dari "
              "pesan sistem, emoji (daftar paket `emoji`), domain tautan tanpa \"www.\".",
        "en": "Activity: messages per day (days without messages included), hour × weekday matrix (local time of "
              "the exporting phone), joins (added + via link) and leaves (left + removed) per month from system "
              "lines, emoji (the `emoji` package's list), link domains without \"www.\"."},
    "def.categories": {
        "id": "Kategori pesan (pengklasifikasi aturan yang dapat dijelaskan): berita bisnis, promosi, permintaan, "
              "koordinasi, sosial, lainnya. Pangsa berita bisnis = pesan berita bisnis / pesan berteks.",
        "en": "Message categories (explainable rule classifier): business news, promotion, request, coordination, "
              "social, other. Business news share = business-news messages / messages with text."},
    "def.network": {
        "id": "Jaringan: bobot w_AB = jumlah sisi balasan A→B dan B→A. Ikatan lemah: w ≤ w_weak. Tumpang-tindih "
              "O_AB = n_AB / ((k_A − 1) + (k_B − 1) − n_AB); jembatan lokal: O = 0. Komunitas Louvain (seed tetap), "
              "broker: betweenness pada jarak 1/w, constraint Burt.",
        "en": "Network: weight w_AB = reply edges A→B plus B→A. Weak tie: w ≤ w_weak. Overlap O_AB = n_AB / "
              "((k_A − 1) + (k_B − 1) − n_AB); local bridge: O = 0. Louvain communities (seeded), brokers: "
              "betweenness on distance 1/w, Burt's constraint."},
    "def.palette": {
        "id": "Warna grafik: palet Okabe–Ito dan skala cividis, aman untuk buta warna.",
        "en": "Chart colours: the Okabe–Ito palette and the cividis scale, safe for colour-blind readers."},
}

REFERENCES: tuple[str, ...] = (
    "Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. JASA 9(70): 209–219.",
    "Gini, C. (1912). Variabilità e mutabilità. Bologna: Tipografia di Paolo Cuppini.",
    "Deltas, G. (2003). The small-sample bias of the Gini coefficient. Rev. Econ. Stat. 85(1): 226–234.",
    "Hoover, E. M. (1936). The measurement of industrial localization. Rev. Econ. Stat. 18(4): 162–171.",
    "Theil, H. (1967). Economics and Information Theory. Amsterdam: North-Holland.",
    "Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.",
    "Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282): 457–481.",
    "Goh, K.-I. & Barabási, A.-L. (2008). Burstiness and memory in complex systems. EPL 81: 48002.",
    "Granovetter, M. S. (1973). The strength of weak ties. Am. J. Sociol. 78(6): 1360–1380.",
    "Onnela, J.-P. et al. (2007). Structure and tie strengths in mobile communication networks. PNAS 104: 7332–7336.",
    "Blondel, V. D. et al. (2008). Fast unfolding of communities in large networks. J. Stat. Mech. P10008.",
    "Burt, R. S. (1992). Structural Holes. Harvard University Press.",
    "Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and presentations that are "
    "friendly to colorblind people. https://jfly.uni-koeln.de/color/",
    "Nuñez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing colormaps with consideration for color "
    "vision deficiency (cividis). PLoS ONE 13(7): e0199239.",
)


def check_lang(lang: str) -> str:
    """`lang` if supported, else ValueError (a typo should not silently give Indonesian)."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The text of `key` in `lang`, with `{fields}` filled in. KeyError for an unknown key (so a
    missing string is caught by tests rather than shown as a raw key)."""
    text = TEXT[key][check_lang(lang)]
    return text.format(**fields) if fields else text


def missing_translations() -> list[str]:
    """Keys that lack a language or have an empty text (should be empty; used by the tests)."""
    return [k for k, v in TEXT.items() if any(not v.get(lang) for lang in LANGS)]


# ------------------------------------------------------------------------------------------------
# Numbers in the language's convention. None/NaN print as an en dash: an undefined value is never
# shown as a number.

DASH: Final = "–"


def _undefined(x: object) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def fmt_num(x: float | int | None, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """1234.5 -> '1.234,50' (id) / '1,234.50' (en)."""
    if _undefined(x):
        return DASH
    s = f"{float(x):,.{digits}f}" if digits else f"{round(float(x)):,d}"
    if check_lang(lang) == "id":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s


def fmt_int(x: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """1324 -> '1.324' (id) / '1,324' (en)."""
    return fmt_num(x, lang, 0)


def fmt_pct(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """0.4281 -> '43%'; shares are stored as fractions in report.json."""
    if _undefined(x):
        return DASH
    return fmt_num(100 * float(x), lang, digits) + "%"


def fmt_duration(seconds: float | None, lang: str = DEFAULT_LANG) -> str:
    """A latency in the largest sensible unit: '45 dtk', '48 mnt', '5,4 jam', '2 hari'."""
    if _undefined(seconds):
        return DASH
    s = float(seconds)

    def num(v: float, digits: int) -> str:
        # Whole values without decimals ("1 jam", not "1,0 jam"), e.g. for axis ticks.
        return fmt_num(v, lang, 0 if abs(v - round(v)) < 1e-9 else digits)

    if s < 60:
        return t("unit.s", lang, v=num(s, 0))
    if s < 3600:
        return t("unit.min", lang, v=num(s / 60, 0))
    if s < 86_400:
        h = s / 3600
        return t("unit.h", lang, v=num(h, 1 if h < 10 else 0))
    return t("unit.d", lang, v=num(s / 86_400, 1))
