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
    "app.error.start_chat": {
        "id": "File \u201c{name}\u201d dari perintah `wa-analyzer dashboard` tidak bisa dibuka ({message}); "
              "contoh chat ditampilkan. Unggah file di atas.",
        "en": "The file \u201c{name}\u201d given to `wa-analyzer dashboard` could not be opened ({message}); "
              "the sample chat is shown. Upload the file above."},
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
    "app.resp.p75": {"id": "3 dari 4 giliran mendapat respons berikutnya dalam",
                     "en": "3 in 4 turns had a next response within"},
    "app.resp.p75_help": {"id": "Kuantil ke-75 waktu sampai respons berikutnya (Kaplan–Meier).",
                          "en": "75th percentile of the time to the next response (Kaplan–Meier)."},
    "app.resp.within_1h": {"id": "Respons berikutnya dalam 1 jam", "en": "Next response within 1 hour"},
    "app.resp.unanswered_help": {
        "id": "Tidak ada giliran anggota lain dalam {limit}. Ini bukan soal apakah pertanyaan dijawab: lihat "
              "Jawaban atas permintaan.",
        "en": "No turn by another member within {limit}. This is not whether a question was answered: see "
              "Answers to requests."},
    "app.resp.unanswered_turns": {"id": "Giliran tanpa respons berikutnya", "en": "Turns without a next response"},
    "app.resp.unanswered_turns_help": {
        "id": "Pesan terakhir setiap giliran yang tidak diikuti giliran anggota lain dalam batas sensor, terbaru "
              "dulu.",
        "en": "The last message of every turn no other member's turn followed within the censor limit, newest "
              "first."},
    "app.resp.all_answered": {"id": "Setiap giliran mendapat respons berikutnya.",
                              "en": "Every turn had a next response."},
    "app.resp.by_category": {"id": "Respons berikutnya menurut jenis pesan", "en": "Next response by message category"},
    "app.resp.resolution": {"id": "Resolusi stempel waktu: {res}.", "en": "Timestamp resolution: {res}."},
    "res.minute": {"id": "menit (ekspor Android): jeda di bawah semenit ditulis “kurang dari semenit”",
                   "en": "minutes (Android export): gaps below a minute read “under a minute”"},
    "res.second": {"id": "detik", "en": "seconds"},
    "app.answers.title": {"id": "Jawaban atas permintaan", "en": "Answers to requests"},
    "app.answers.share": {"id": "Permintaan terjawab", "en": "Requests answered"},
    "app.answers.share_help": {
        "id": "{a} dari {n} permintaan dijawab menurut aturan di bawah (bukan sekadar ada pesan sesudahnya).",
        "en": "{a} of {n} requests were answered under the rule below (not merely followed by some message)."},
    "app.answers.rule": {"id": "Aturan", "en": "Rule"},
    "app.answers.unanswered": {"id": "Permintaan yang belum dijawab", "en": "Requests nobody answered"},
    "app.answers.unanswered_help": {
        "id": "Pertanyaan dan permintaan yang tidak dijawab siapa pun menurut aturan, terbaru dulu: inilah yang "
              "bisa ditindaklanjuti koordinator.",
        "en": "Questions and requests nobody answered under the rule, newest first: what a coordinator can "
              "follow up."},
    "app.answers.none_unanswered": {"id": "Semua permintaan dijawab menurut aturan.",
                                    "en": "Every request was answered under the rule."},
    "app.answers.no_requests": {"id": "Tidak ada pesan berkategori permintaan.",
                                "en": "No message was classified as a request."},
    "app.answers.sensitivity": {"id": "Kepekaan terhadap Δ dan batas sensor",
                                "en": "Sensitivity to Δ and the censor limit"},
    "app.col.answered_by_line": {"id": "Dijawab di baris", "en": "Answered at line"},
    "app.col.answer_evidence": {"id": "Bukti jawaban", "en": "Answer evidence"},
    "app.col.line": {"id": "Baris", "en": "Line"},
    "app.coding.title": {"id": "Kodekan sampel pesan", "en": "Hand-code a sample of messages"},
    "app.coding.help": {
        "id": "Pangsa di atas mentah: pengklasifikasi keliru pada sebagian pesan. Beri label pada sekitar 50 pesan "
              "acak (dipilih per kategori, seperti 'wa-analyzer sample'); halaman ini lalu menunjukkan kesepakatan "
              "dengan pengklasifikasi dan pangsa yang dikoreksi dengan interval kepercayaan 95%. Papan ketik: Tab "
              "ke pilihan, panah untuk memilih, Enter pada tombol.",
        "en": "The shares above are raw: the classifier is wrong on some messages. Label about 50 random messages "
              "(drawn per category, as 'wa-analyzer sample' does); the page then shows the agreement with the "
              "classifier and the corrected shares with 95% confidence intervals. Keyboard: Tab to the choices, "
              "arrows to pick, Enter on a button."},
    "app.coding.n": {"id": "Jumlah pesan sampel", "en": "Messages in the sample"},
    "app.coding.seed": {"id": "Benih acak (seed)", "en": "Random seed"},
    "app.coding.empty": {"id": "Tidak ada pesan berkategori untuk dikodekan.", "en": "No categorised messages to code."},
    "app.coding.upload": {"id": "Unggah lembar kode (CSV dari 'wa-analyzer sample' atau unduhan ini)",
                          "en": "Upload a coding sheet (CSV from 'wa-analyzer sample' or this page's download)"},
    "app.coding.upload_bad": {"id": "Lembar kode ini tidak terbaca: perlu kolom 'line' dan 'label' seperti lembar "
                                    "dari 'wa-analyzer sample'.",
                              "en": "This coding sheet cannot be read: it needs the columns 'line' and 'label', like "
                                    "the sheet from 'wa-analyzer sample'."},
    "app.coding.upload_labels": {"id": "Label tidak dikenal di lembar kode: {labels}. Gunakan salah satu dari enam kategori.",
                                 "en": "Unknown labels in the coding sheet: {labels}. Use one of the six categories."},
    "app.coding.progress": {"id": "Pesan {i} dari {n} · {k} sudah dikodekan",
                            "en": "Message {i} of {n} · {k} coded"},
    "app.coding.auto": {"id": "Kategori otomatis: {cat}", "en": "Automatic category: {cat}"},
    "app.coding.label": {"id": "Kategori menurut Anda", "en": "Your category"},
    "app.coding.prev": {"id": "← Sebelumnya", "en": "← Previous"},
    "app.coding.next": {"id": "Simpan & berikutnya →", "en": "Save & next →"},
    "app.coding.skip": {"id": "Ke pesan belum dikodekan", "en": "Next uncoded message"},
    "app.coding.download": {"id": "Unduh lembar kode (CSV)", "en": "Download the coding sheet (CSV)"},
    "app.coding.none_yet": {"id": "Belum ada pesan yang dikodekan.", "en": "No message coded yet."},
    "app.coding.agreement": {"id": "**{k} pesan dikodekan.** Kesepakatan dengan pengklasifikasi: {acc} (κ {kappa}, "
                                   "macro-F1 {f1}; tanpa bobot, pada sampel).",
                             "en": "**{k} messages coded.** Agreement with the classifier: {acc} (κ {kappa}, "
                                   "macro-F1 {f1}; unweighted, on the sample)."},
    "app.coding.left_out": {"id": "Tidak dihitung dalam rata-rata makro (belum ada pesan berlabel itu): {cats}",
                            "en": "Left out of the macro average (no coded message has that label): {cats}"},
    "app.coding.share_title": {"id": "**Pangsa tiap kategori di seluruh obrolan: mentah dan dikoreksi**",
                               "en": "**Share of each category in the whole chat: raw and corrected**"},
    "app.coding.fitted": {"id": "**Disesuaikan dengan pengodean Anda**, pengklasifikasi diperkirakan sepakat dengan "
                                "Anda pada {acc} pesan di seluruh obrolan (κ {kappa}, macro-F1 {f1}; validasi silang "
                                "{folds} lipatan), dibanding {acc0} (κ {kappa0}) tanpa penyesuaian. Kolom "
                                "'Disesuaikan' memberi pangsa mentahnya; 'wa-analyzer analyze --labels' memakai "
                                "pengklasifikasi yang disesuaikan ini.",
                          "en": "**Fitted to your coding**, the classifier is estimated to agree with you on {acc} of "
                                "the chat's messages (κ {kappa}, macro-F1 {f1}; {folds}-fold cross-fitted), against "
                                "{acc0} (κ {kappa0}) as shipped. The 'Fitted' column gives its raw shares; "
                                "'wa-analyzer analyze --labels' uses this fitted classifier."},
    "app.coding.fit_more": {"id": "Kodekan minimal {n} pesan agar pengklasifikasi dapat disesuaikan dengan pengodean Anda.",
                            "en": "Code at least {n} messages to fit the classifier to your coding."},
    "app.coding.col.fitted": {"id": "Disesuaikan", "en": "Fitted"},
    "app.coding.fit_toggle": {"id": "Sesuaikan pengklasifikasi dengan pengodean saya",
                              "en": "Fit the classifier to my coding"},
    "app.coding.col.category": {"id": "Kategori", "en": "Category"},
    "app.coding.col.raw": {"id": "Mentah", "en": "Raw"},
    "app.coding.col.corrected": {"id": "Dikoreksi", "en": "Corrected"},
    "app.coding.col.ci": {"id": "IK 95%", "en": "95% CI"},
    "app.coding.uncorrected": {"id": "Belum dikoreksi (tidak ada pesan sampel dari kategori otomatis ini): {cats}",
                               "en": "Not corrected (no sampled message of this automatic category): {cats}"},
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
    "app.col.latency_s": {"id": "Respons berikutnya (dtk)", "en": "Next response (s)"},
    "app.col.answered": {"id": "Ada respons berikutnya", "en": "Had a next response"},
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
    "unit.under_minute": {"id": "kurang dari semenit", "en": "under a minute"},
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
    "chart.top_posters.counts": {"id": "angka = jumlah pesan", "en": "numbers = messages"},
    "chart.top_posters.x": {"id": "Pangsa pesan", "en": "Share of messages"},
    "chart.top_posters.y": {"id": "Anggota", "en": "Member"},
    "chart.monthly_gini.title": {"id": "Ketimpangan partisipasi per bulan", "en": "Participation inequality by month"},
    "chart.monthly_gini.subtitle": {"id": "Gini pesan; garis putus-putus: seluruh periode ({gini})",
                                    "en": "Gini of messages; dashed: whole period ({gini})"},
    "chart.monthly_gini.all_members": {"id": "semua anggota", "en": "all members"},
    "chart.monthly_gini.posters_only": {"id": "hanya yang menulis", "en": "posters only"},
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
    "chart.latency_survival.title": {"id": "Waktu sampai respons berikutnya", "en": "Time to the next response"},
    "chart.latency_survival.subtitle": {"id": "Kaplan–Meier · {n} giliran · median {median}",
                                        "en": "Kaplan–Meier · {n} turns · median {median}"},
    "chart.latency_survival.x": {"id": "Waktu sejak giliran berakhir (skala log)",
                                 "en": "Time since the turn ended (log scale)"},
    # Two lines: on one line the title is taller than a single-column plot and runs into the chart title.
    "chart.latency_survival.y": {"id": "Pangsa giliran belum<br>mendapat respons berikutnya",
                                 "en": "Share of turns without<br>a next response yet"},
    "chart.latency_survival.median": {"id": "median", "en": "median"},
    "chart.latency_by_hour.title": {"id": "Respons berikutnya menurut jam", "en": "Next response by hour of day"},
    "chart.latency_by_hour.subtitle": {"id": "Median Kaplan–Meier per jam akhir giliran",
                                       "en": "Kaplan–Meier median by hour the turn ended"},
    "chart.latency_by_hour.subtitle_n": {
        "id": "Median Kaplan–Meier per jam akhir giliran · n = {n} giliran ({lo}–{hi} per jam)",
        "en": "Kaplan–Meier median by hour the turn ended · n = {n} turns ({lo}–{hi} per hour)"},
    "chart.latency_by_hour.median": {"id": "median", "en": "median"},
    "chart.latency_by_hour.empty": {"id": "tidak ada giliran", "en": "no turns"},
    "chart.latency_by_hour.undefined": {"id": "< separuh dibalas", "en": "< half answered"},
    "chart.latency_by_hour.x": {"id": "Jam", "en": "Hour of day"},
    # Two lines, like chart.latency_survival.y: one line runs into the wrapped subtitle at single-column size.
    "chart.latency_by_hour.y": {"id": "Median respons<br>berikutnya (menit)", "en": "Median next<br>response (minutes)"},
    "chart.sensitivity.title": {"id": "Kepekaan hasil terhadap parameter waktu",
                                "en": "How the results depend on the time parameters"},
    "chart.sensitivity.subtitle": {"id": "Satu parameter diubah, yang lain seperti di laporan",
                                   "en": "One parameter changed, the others as in the report"},
    "chart.sensitivity.x": {"id": "Jendela balasan Δ (menit)", "en": "Reply window Δ (minutes)"},
    "chart.sensitivity.censor": {"id": "Batas sensor (jam)", "en": "Censor limit (hours)"},
    "chart.sensitivity.y": {"id": "Pangsa", "en": "Share"},
    "chart.sensitivity.answered": {"id": "Permintaan terjawab", "en": "Requests answered"},
    "chart.sensitivity.weak": {"id": "Pangsa ikatan lemah", "en": "Weak-tie share"},
    "chart.sensitivity.within": {"id": "Giliran dengan respons berikutnya", "en": "Turns with a next response"},
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
    "chart.emoji.counts": {"id": "angka = jumlah emoji", "en": "numbers = emoji count"},
    "chart.emoji.x": {"id": "Pangsa dari semua emoji", "en": "Share of all emoji"},
    "chart.emoji.y": {"id": "Emoji", "en": "Emoji"},
    "chart.domains.title": {"id": "Domain tautan terbanyak", "en": "Most shared link domains"},
    "chart.domains.subtitle": {"id": "{p} pesan berisi tautan", "en": "{p} of messages contain a link"},
    "chart.domains.counts": {"id": "angka = jumlah tautan", "en": "numbers = links"},
    "chart.domains.x": {"id": "Pangsa dari semua tautan", "en": "Share of all links"},
    "chart.domains.y": {"id": "Domain", "en": "Domain"},
    "chart.member.others": {"id": "anggota lain", "en": "other members"},
    "chart.member_activity.title": {"id": "Aktivitas anggota terpilih", "en": "Activity of chosen members"},
    "chart.member_activity.subtitle": {"id": "Pesan per bulan · {k} anggota", "en": "Messages per month · {k} members"},
    "chart.member_activity.x": {"id": "Bulan", "en": "Month"},
    "chart.member_activity.y": {"id": "Pesan", "en": "Messages"},
    "chart.response_matrix.title": {"id": "Siapa membalas siapa", "en": "Who replies to whom"},
    "chart.response_matrix.subtitle_sender": {
        "id": "Pangsa balasan tiap pengirim (baris = 100%)", "en": "Share of each sender's replies (rows = 100%)"},
    "chart.response_matrix.subtitle_receiver": {
        "id": "Pangsa balasan yang diterima tiap anggota (kolom = 100%)",
        "en": "Share of the replies each member received (columns = 100%)"},
    "chart.response_matrix.x": {"id": "Dibalas (penerima)", "en": "Replied to (receiver)"},
    "chart.response_matrix.y": {"id": "Membalas (pengirim)", "en": "Replying (sender)"},
    "chart.response_matrix.colorbar": {"id": "Pangsa", "en": "Share"},
    "chart.message_lengths.title": {"id": "Panjang pesan per anggota", "en": "Message length by member"},
    "chart.message_lengths.subtitle": {
        "id": "Karakter per pesan teks · kotak = kuartil, garis = median, titik-titik = rata-rata, kumis = "
              "persentil 5–95",
        "en": "Characters per text message · box = quartiles, line = median, dotted = mean, whiskers = "
              "5th–95th percentile"},
    "chart.message_lengths.x": {"id": "Karakter", "en": "Characters"},
    "chart.message_lengths.y": {"id": "Anggota", "en": "Member"},
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
    "chart.network.community_short": {"id": "komunitas {c} ({n})", "en": "community {c} ({n})"},
    "chart.network.other_short": {"id": "komunitas lain ({n})", "en": "other communities ({n})"},
    "chart.network.size_legend": {"id": "ukuran = pesan:", "en": "size = messages:"},
    "chart.network.labelled_all": {
        "id": "nama: {k} broker teratas dan anggota paling aktif",
        "en": "named: the {k} top brokers and most active members"},
    "chart.network.labelled_some": {
        "id": "nama: {k} dari {m} broker teratas dan anggota paling aktif (sisanya tak muat)",
        "en": "named: {k} of the {m} top brokers and most active members (the rest did not fit)"},
    "chart.network.rest": {"id": "{n} anggota tanpa ikatan ke kelompok utama",
                           "en": "{n} members without ties to the main group"},
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
    "report.table.latency_by_hour": {"id": "Respons berikutnya per jam", "en": "Next response by hour"},
    "report.table.latency_by_member": {"id": "Respons berikutnya per anggota", "en": "Next response by member"},
    "report.table.answers": {"id": "Jawaban atas permintaan", "en": "Answers to requests"},
    "report.table.unanswered_requests": {"id": "Permintaan yang belum dijawab", "en": "Requests nobody answered"},
    "report.table.sensitivity_delta": {"id": "Kepekaan terhadap jendela balasan Δ",
                                       "en": "Sensitivity to the reply window Δ"},
    "report.table.sensitivity_censor": {"id": "Kepekaan terhadap batas sensor", "en": "Sensitivity to the censor limit"},
    "report.sensitivity.note": {
        "id": "Satu parameter diubah, yang lain tetap seperti di laporan (model nol jaringan dimatikan). Angka yang "
              "banyak berubah sepanjang kolom harus dilaporkan bersama parameternya.",
        "en": "One parameter changed, the others as in the report (network null model off). A figure that moves "
              "a lot down its column must be reported with its parameter."},
    "report.col.delta": {"id": "Δ", "en": "Δ"},
    "report.col.censor_limit": {"id": "Batas sensor", "en": "Censor limit"},
    "report.col.requests_answered": {"id": "Permintaan terjawab", "en": "Requests answered"},
    "report.col.edges": {"id": "Sisi", "en": "Edges"},
    "report.col.density": {"id": "Kepadatan", "en": "Density"},
    "report.col.weak_ties": {"id": "Ikatan lemah", "en": "Weak ties"},
    "report.col.modularity": {"id": "Modularitas", "en": "Modularity"},
    "report.col.within_limit": {"id": "Respons dalam batas", "en": "Next response within limit"},
    "report.col.line": {"id": "Baris", "en": "Line"},
    "report.col.time": {"id": "Waktu", "en": "Time"},
    "report.col.text": {"id": "Pesan", "en": "Message"},
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
    "report.col.median": {"id": "Median respons berikutnya", "en": "Median next response"},
    "report.col.answered_1h": {"id": "Respons ≤ 1 jam", "en": "Next response ≤ 1 h"},
    "report.col.answered": {"id": "Ada respons berikutnya", "en": "With a next response"},
    "report.col.unanswered": {"id": "Tanpa respons berikutnya", "en": "No next response"},
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
    "kpi.median_reply": {"id": "Median respons berikutnya", "en": "Median next response"},
    "kpi.unanswered": {"id": "Giliran tanpa respons berikutnya", "en": "Turns without a next response"},
    "kpi.requests_answered": {"id": "Permintaan terjawab", "en": "Requests answered"},
    "kpi.news_share": {"id": "Pangsa berita bisnis", "en": "Business news share"},
    "kpi.news_share_corrected": {"id": "Pangsa berita bisnis (dikoreksi, IK 95%)",
                                 "en": "Business news share (corrected, 95% CI)"},
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
        "id": "Separuh giliran mendapat respons berikutnya dari anggota lain dalam {median}; {p1h} dalam 1 jam; "
              "{un} tanpa respons berikutnya dalam {limit}.",
        "en": "Half of the turns had a next response from another member within {median}; {p1h} within 1 hour; "
              "{un} had none within {limit}."},
    "sum.questions": {
        "id": "Separuh pertanyaan dan permintaan ({n} giliran) mendapat respons berikutnya dalam {median}: pesan "
              "apa pun, belum tentu jawaban.",
        "en": "Half of the questions and requests ({n} turns) had a next response within {median}: any message, "
              "not necessarily an answer."},
    "sum.answers": {
        "id": "{a} dari {n} permintaan ({p}) dijawab menurut aturan bukti (sebutan, nama penanya, kata yang sama, "
              "balasan ≤ {window}, ucapan terima kasih penanya); {u} belum dijawab.",
        "en": "{a} of {n} requests ({p}) were answered under the evidence rule (mention, the asker's name, shared "
              "words, a reply within {window}, the asker's thanks); {u} were not."},
    "sum.latency_none": {
        "id": "Kurang dari separuh giliran mendapat respons berikutnya, jadi mediannya tidak terdefinisi.",
        "en": "Fewer than half of the turns had a next response, so its median is undefined."},
    "sum.activity": {
        "id": "{m} pesan dalam {d} hari (rata-rata {mean} per hari); hari tersibuk {day} dengan {max} pesan.",
        "en": "{m} messages over {d} days (mean {mean} per day); the busiest day was {day} with {max} messages."},
    "sum.news": {"id": "{p} pesan teks adalah berita bisnis; {k} anggota membagikannya.",
                 "en": "{p} of text messages were business news, shared by {k} members."},
    "sum.news_raw": {"id": "Pangsa ini mentah (hasil pengklasifikasi tanpa koreksi). Pada obrolan grup nyata yang "
                           "tidak dilihat saat pelatihan, pengklasifikasi sepakat dengan pengodean manusia sebatas "
                           "κ {kappa} (akurasi {acc}, macro-F1 {f1}); kodekan sampel ('wa-analyzer sample' lalu "
                           "'analyze --labels') untuk pangsa yang dikoreksi.",
                     "en": "This share is raw (as classified, uncorrected). On real group chats not seen in "
                           "training, the classifier agrees with human coding only at κ {kappa} (accuracy {acc}, "
                           "macro-F1 {f1}); hand-code a sample ('wa-analyzer sample', then 'analyze --labels') for "
                           "a corrected share."},
    "sum.news_raw_unknown": {"id": "Pangsa ini mentah (hasil pengklasifikasi tanpa koreksi); akurasinya pada obrolan "
                                   "ini belum diukur.",
                             "en": "This share is raw (as classified, uncorrected); its accuracy on this chat has "
                                   "not been measured."},
    "sum.news_corrected": {"id": "Setelah koreksi salah-klasifikasi dari {n} pesan yang dikodekan manual, pangsa "
                                 "berita bisnis {p} (IK 95% {lo}–{hi}).",
                           "en": "Corrected for misclassification using {n} hand-coded messages, the business-news "
                                 "share is {p} (95% CI {lo}–{hi})."},
    "sum.classifier_fitted": {"id": "Kategori pesan berasal dari pengklasifikasi yang disesuaikan dengan {n} pesan "
                                    "yang Anda kodekan; perkiraan kesepakatannya dengan pengodean Anda untuk seluruh "
                                    "obrolan (validasi silang): κ {kappa} (akurasi {acc}, macro-F1 {f1}).",
                              "en": "Message categories come from the classifier fitted to your {n} hand-coded "
                                    "messages; its estimated agreement with your coding for the whole chat "
                                    "(cross-fitted): κ {kappa} (accuracy {acc}, macro-F1 {f1})."},
    "sum.network": {"id": "{p} hubungan antar-anggota adalah ikatan lemah.",
                    "en": "{p} of the ties between members are weak ties."},
    # ---------------------------------------------------------------- warnings (analyzer.notices)
    # "warn.<code>": the sentence; "warn.<code>.cli|app|api": advice for that reader (optional).
    # English API text = the parser's historical string warnings (ChatFormat.warnings).
    "warn.parse.replaced_bytes": {
        "id": "{n} byte bukan UTF-8 yang sah dan diganti dengan U+FFFD.",
        "en": "{n} bytes were not valid UTF-8 and were replaced by U+FFFD."},
    "warn.parse.skipped_lines": {
        "id": "{n} baris sebelum pesan pertama bukan bagian dari pesan mana pun dan dilewati.",
        "en": "{n} line(s) before the first message belong to no message and were skipped."},
    "warn.parse.invalid_headers": {
        "id": "{n} baris berbentuk header memiliki tanggal atau jam yang mustahil dan disimpan sebagai teks "
              "pesan (pertama di baris {line}).",
        "en": "{n} line(s) shaped like a header have an impossible date or time and were kept as message text "
              "(first at line {line})."},
    "warn.parse.ambiguous_date_order": {
        "id": "Urutan hari/bulan tidak pasti (tidak ada hari di atas 12); dipakai {order}.",
        "en": "The day/month order is ambiguous (no day above 12): {reason}."},
    "warn.parse.ambiguous_date_order.cli": {
        "id": "Jika salah, jalankan lagi dengan --date-order DMY atau --date-order MDY.",
        "en": "If this is wrong, run again with --date-order DMY or --date-order MDY."},
    "warn.parse.ambiguous_date_order.app": {
        "id": "Jika tanggalnya salah, pilih urutan di *Urutan tanggal* pada panel samping.",
        "en": "If the dates are wrong, choose the order under *Date order* in the sidebar."},
    "warn.parse.ambiguous_date_order.api": {
        "id": "Berikan date_order='DMY' atau 'MDY' jika salah.",
        "en": "Pass date_order='DMY' or 'MDY' if this is wrong."},
    "warn.parse.other_shape": {
        "id": "{n} baris tampak seperti header pesan dengan bentuk lain dan disimpan sebagai teks pesan di atasnya "
              "(pertama di baris {line}); berkas ini mungkin mencampur ekspor Android dan iOS.",
        "en": "{n} line(s) look like message headers of another shape and were kept as text of the message above "
              "them (first at line {line}); the file may mix Android and iOS exports."},
    "warn.parse.other_shape.cli": {"id": "Ekspor ulang chat dari satu ponsel dan jalankan lagi.",
                                   "en": "Export the chat again from one phone and run it again."},
    "warn.parse.other_shape.app": {"id": "Ekspor ulang chat dari satu ponsel dan unggah lagi.",
                                   "en": "Export the chat again from one phone and upload it again."},
    "warn.parse.pasted_exports": {
        "id": "Berkas ini tampaknya berisi {parts} ekspor yang digabung: bagian berikutnya mulai di baris {lines}.",
        "en": "This file seems to hold {parts} exports pasted together: a new part starts at line {lines}."},
    "warn.parse.pasted_exports.cli": {"id": "Analisis tiap bagian sebagai chat tersendiri dengan --split.",
                                      "en": "Analyse each part as a chat of its own with --split."},
    "warn.parse.pasted_exports.app": {
        "id": "Angka di sini mencampur kelompok-kelompok itu: unggah tiap ekspor sendiri-sendiri, atau gunakan "
              "--split di baris perintah.",
        "en": "The numbers here mix those groups: upload each export on its own, or use --split on the "
              "command line."},
    "warn.parse.pasted_exports.api": {"id": "Analisis bagian-bagiannya terpisah (split_chat()).",
                                      "en": "Analyse the parts separately (split_chat())."},
    "warn.read.legacy_encoding": {
        "id": "{file} bukan UTF-8 (seperti yang ditulis WhatsApp) melainkan pengodean lama; berkas dibaca sebagai "
              "{encoding}. Periksa apakah nama beraksen tampil benar.",
        "en": "{file} is not UTF-8 (as WhatsApp writes it) but a legacy encoding; it was read as {encoding}. "
              "Check that accented names look right."},
    "warn.read.undecodable": {
        "id": "{file} adalah teks {encoding} dengan {n} karakter yang tidak dapat dibaca, diganti dengan U+FFFD.",
        "en": "{file} is {encoding} text with {n} undecodable character(s), replaced by U+FFFD."},
    "warn.parse.no_year": {
        "id": "Header tidak mencantumkan tahun; dianggap tahun {year}.",
        "en": "The headers carry no year; {year} was assumed."},
    "warn.parse.no_year.cli": {"id": "Tetapkan tahun dengan --year.", "en": "Set it with --year."},
    "warn.parse.no_year.app": {"id": "Tetapkan tahun di *Tahun* pada panel samping.",
                               "en": "Set it under *Year* in the sidebar."},
    "warn.parse.no_year.api": {"id": "Berikan year= untuk menetapkannya.", "en": "Pass year= to set it."},
    "warn.quality.short_ambiguous": {
        "id": "Chat pendek ({n} rekaman) dengan urutan hari/bulan yang tidak pasti (dipakai {order}).",
        "en": "Short chat ({n} records) with an ambiguous day/month order: {reason}."},
    "warn.quality.short_ambiguous.cli": {
        "id": "Cocokkan beberapa tanggal dengan ponsel; jika salah, jalankan lagi dengan --date-order.",
        "en": "Check a few dates against the phone; if they are wrong, run again with --date-order."},
    "warn.quality.short_ambiguous.app": {
        "id": "Cocokkan beberapa tanggal dengan ponsel; jika salah, pilih urutan di *Urutan tanggal* pada panel "
              "samping.",
        "en": "Check a few dates against the phone; if they are wrong, choose the order under *Date order* in "
              "the sidebar."},
    "warn.quality.short_ambiguous.api": {
        "id": "Cocokkan beberapa tanggal dengan ponsel, atau tetapkan urutannya secara eksplisit.",
        "en": "Check a few dates against the phone, or set the order explicitly."},
    "warn.quality.unknown_system": {
        "id": "{n} pesan sistem ({share} dari rekaman) memakai frasa yang tidak dikenali versi ini (bahasa "
              "antarmuka lain?); jumlah anggota dari pesan masuk/keluar mungkin tidak lengkap.",
        "en": "{n} system lines ({share} of records) use phrases this version does not recognise (another UI "
              "language?); membership counts from joins and leaves may be incomplete."},
    "warn.quality.unparsed_headers": {
        "id": "{n} baris tampak seperti header pesan tetapi tidak memulai pesan (pertama di baris {line}); file "
              "mungkin mencampur format atau pernah disunting.",
        "en": "{n} lines look like message headers but did not start a message (first at line {line}); the file "
              "may mix formats or be hand-edited."},
    "warn.quality.out_of_order": {
        "id": "{n} rekaman lebih awal daripada rekaman sebelumnya; ekspor tidak selalu urut waktu (disimpan "
              "sesuai urutan file; metrik mengurutkan menurut waktu).",
        "en": "{n} records are earlier than the record before them; exports are not always in time order (kept "
              "in file order; metrics sort by time)."},
    "warn.report.no_timestamp": {"id": "{n} rekaman tanpa cap waktu tidak diikutkan",
                                 "en": "{n} record(s) without a timestamp were left out"},
    "warn.report.no_records": {"id": "tidak ada rekaman dalam jendela analisis",
                               "en": "no records in the window"},
    "warn.report.no_records.cli": {"id": "Periksa --start dan --end.", "en": "Check --start and --end."},
    "warn.report.no_records.app": {"id": "Perlebar *Rentang tanggal* di panel samping.",
                                   "en": "Widen the *Date range* in the sidebar."},
    "warn.report.no_messages": {
        "id": "tidak ada pesan dalam jendela analisis (hanya pesan sistem): partisipasi dan waktu balas tidak "
              "terdefinisi",
        "en": "no messages in the window (only system lines): participation and latency are undefined"},
    # ---------------------------------------------------------------- dashboard: per-member views
    "app.members.title": {"id": "Per anggota", "en": "Per member"},
    "app.members.pick": {"id": "Anggota yang dilihat", "en": "Members to look at"},
    "app.members.pick_help": {
        "id": "Sama dengan --members-of-interest pada perintah wa-analyzer analyze. Awalnya 5 penulis teratas.",
        "en": "The same as --members-of-interest of the wa-analyzer analyze command. Starts with the top 5 "
              "posters."},
    "app.members.none": {"id": "Pilih satu anggota atau lebih.", "en": "Choose one or more members."},
    "app.members.normalise": {"id": "Matriks balasan dinormalkan menurut", "en": "Reply matrix normalised by"},
    "app.members.by_sender": {"id": "pengirim (baris = 100%)", "en": "sender (rows = 100%)"},
    "app.members.by_receiver": {"id": "penerima (kolom = 100%)", "en": "receiver (columns = 100%)"},
    # ---------------------------------------------------------------- dashboard: reading dates
    "app.dates.title": {"id": "Pembacaan tanggal", "en": "Reading dates"},
    "app.dates.order": {"id": "Urutan tanggal", "en": "Date order"},
    "app.dates.order_auto": {"id": "otomatis", "en": "automatic"},
    "app.dates.order_help": {
        "id": "Biasanya terdeteksi sendiri. Pilih jika tanggal di hasil tidak cocok dengan ponsel (DMY = hari/"
              "bulan/tahun).",
        "en": "Usually detected by itself. Choose one if the dates shown do not match the phone (DMY = day/"
              "month/year)."},
    "app.dates.year": {"id": "Tahun", "en": "Year"},
    "app.dates.year_help": {"id": "Hanya untuk ekspor lama yang header-nya tanpa tahun (0 = otomatis).",
                            "en": "Only for old exports whose headers have no year (0 = automatic)."},
    # ---------------------------------------------------------------- parameters (report)
    "report.description": {"id": "Keterangan", "en": "Description"},
    "param.start": {"id": "awal jendela analisis", "en": "start of the analysis window"},
    "param.end": {"id": "akhir jendela analisis (hari itu termasuk)", "en": "end of the analysis window (that day "
                                                                           "included)"},
    "param.members": {"id": "ukuran grup yang diberikan (N)", "en": "group size given (N)"},
    "param.roster_names": {"id": "nama dari daftar anggota", "en": "names from the member roster"},
    "param.tau_burst_s": {"id": "jeda giliran τ_burst (detik)", "en": "turn gap τ_burst (seconds)"},
    "param.reply_window_s": {"id": "jendela balasan Δ (detik)", "en": "reply window Δ (seconds)"},
    "param.censor_limit_s": {"id": "batas sensor waktu balas (detik)", "en": "reply-time censor limit (seconds)"},
    "param.quiet_hours": {"id": "jam tenang yang tidak dihitung", "en": "quiet hours not counted"},
    "param.bootstrap": {"id": "ulangan bootstrap untuk selang Gini", "en": "bootstrap resamples for the Gini "
                                                                           "interval"},
    "param.null_draws": {"id": "undian model nol kebetulan", "en": "chance-null draws"},
    "param.seed": {"id": "seed acak", "en": "random seed"},
    "param.rolling_days": {"id": "panjang jendela bergulir (hari)", "en": "rolling window length (days)"},
    "param.top_n": {"id": "panjang daftar emoji/domain", "en": "length of the emoji/domain lists"},
    "param.message_kinds": {"id": "jenis rekaman yang dihitung sebagai pesan",
                            "en": "record kinds counted as messages"},
    "param.ci_level": {"id": "tingkat selang kepercayaan", "en": "confidence level"},
    "param.w_weak": {"id": "ambang ikatan lemah w_weak", "en": "weak-tie threshold w_weak"},
    "param.network_null_draws": {"id": "undian model nol jaringan", "en": "network null-model draws"},
    "param.classifier": {"id": "pengklasifikasi pesan", "en": "message classifier"},
    "param.classifier_version": {"id": "versi pengklasifikasi", "en": "classifier version"},
    "param.labels": {"id": "lembar kode (sampel yang dikodekan manual)", "en": "coding sheet (hand-coded sample)"},
    "param.fit_to_labels": {"id": "pengklasifikasi disesuaikan dengan lembar kode bila diminta",
                            "en": "whether the classifier was to be fitted to the coding sheet"},
    "param.fitted_to_coding": {"id": "penyesuaian pengklasifikasi dengan pengodean: jumlah pesan, λ, dan kesepakatan "
                                     "validasi silang sebelum/sesudah",
                               "en": "fit of the classifier to the coding: messages, λ, and cross-fitted agreement "
                                     "before/after"},
    "param.excluded_members": {"id": "anggota yang dikecualikan", "en": "members left out"},
    "param.anonymized": {"id": "nama disamarkan", "en": "names pseudonymised"},
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
        "id": "Respons berikutnya sebuah giliran = awal giliran berikutnya oleh anggota lain − akhir giliran ini, "
              "jika ≤ batas sensor dan sebelum akhir pengamatan; selain itu tersensor kanan. Median dan kuantil: "
              "estimator Kaplan–Meier. Ini mengukur seberapa cepat grup bicara lagi, bukan apakah ada yang "
              "menjawab. Ekspor Android hanya mencatat menit: jeda di bawah semenit ditulis “kurang dari "
              "semenit”.",
        "en": "A turn's next response = start of the next turn by another member − end of this turn, if ≤ the "
              "censor limit and before the end of observation; otherwise right-censored. Median and quantiles: "
              "Kaplan–Meier estimator. It measures how soon the group speaks again, not whether anyone answered. "
              "Android exports record minutes only: gaps below a minute read “under a minute”."},
    "def.answers": {
        "id": "Jawaban atas permintaan: sebuah permintaan (pesan berkategori permintaan) dianggap dijawab oleh pesan "
              "anggota lain paling awal, dalam {horizon} dan {k} pesan berikutnya (sebutan @penanya: kapan pun dalam "
              "{horizon}), yang (a) menyebut @penanya, (b) memuat nama penanya, (c) berbagi kata dengan permintaan "
              "(kosinus TF-IDF ≥ {sim}), (d) datang dalam {window} dan bukan permintaan, promosi atau sapaan/pesan "
              "sosial baru (pengumuman hanya jika pendek atau berbagi kata), (e) disusul ucapan terima kasih penanya dalam "
              "{window} (jawabannya pesan pertama dalam rangkaian itu), atau (f) balasan pertama dari anggota yang "
              "pesannya dibalas permintaan itu. Permintaan tak pernah menjawab; pesan sosial hanya lewat (c); promosi hanya "
              "lewat (a)–(c) (yang pendek juga lewat (e) dan (f)); tindak lanjut penanya sendiri tidak dihitung. Pesan yang bisa menjawab beberapa "
              "permintaan terbuka menjawab yang buktinya terkuat (sebutan > nama > alamat, terima kasih > kata > "
              "jendela), seri ke permintaan terbaru.",
        "en": "Answers to requests: a request (a message classified request) counts as answered by the earliest "
              "later message of another member, within {horizon} and the next {k} messages (@mentions of the "
              "asker: any time within {horizon}), that (a) @mentions the asker, (b) names the asker, (c) shares "
              "words with the request (TF-IDF cosine ≥ {sim}), (d) comes within {window} and is not itself a "
              "request, promotion or social/greeting message (an announcement only if short or sharing a word), (e) is "
              "followed within {window} by the asker's thanks (the answer is then the first message of that "
              "exchange), or (f) is the first reply of the member whose message the request answered. Requests "
              "never answer; social messages only by (c); promotions only by (a)–(c) (short ones also by (e), (f)); the asker's own follow-ups never "
              "count. A message that could answer several open requests answers the one with the strongest cue "
              "(mention > name > addressee, thanks > words > window), ties to the most recent."},
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
        "id": "Warna grafik: warna dari palet Okabe–Ito dan Paul Tol, dipilih agar setiap kategori tetap "
              "berbeda (ΔE*ab ≥ 20) pada simulasi deuteranopia, protanopia dan tritanopia (Machado dkk. 2009), "
              "dan skala cividis, aman untuk buta warna.",
        "en": "Chart colours: colours from the Okabe–Ito and Paul Tol palettes, chosen so that every category "
              "stays distinct (ΔE*ab ≥ 20) under simulated deuteranopia, protanopia and tritanopia (Machado et "
              "al. 2009), and the cividis scale, safe for colour-blind readers."},
    # ---------------------------------------------------------------- parser / outputs (issue 11)
    "xlsx_too_long": {
        "id": "{name}.xlsx tidak ditulis: {rows:,} baris melebihi batas satu lembar Excel (1.048.575 baris). "
              "Gunakan {name}.csv (atau --no-xlsx agar pesan ini tidak muncul).",
        "en": "{name}.xlsx was not written: {rows:,} rows exceed one Excel sheet (1,048,575 rows). "
              "Use {name}.csv (or --no-xlsx to skip this note).",
    },
    "xlsx_skipped_large": {
        "id": "{name}.xlsx tidak ditulis: {rows:,} baris (lebih dari 200.000) butuh beberapa menit. "
              "Gunakan {name}.csv, atau --xlsx untuk tetap menulisnya.",
        "en": "{name}.xlsx was not written: {rows:,} rows (more than 200,000) take minutes. "
              "Use {name}.csv, or --xlsx to write it anyway.",
    },
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
    "Machado, G. M., Oliveira, M. M. & Fernandes, L. A. F. (2009). A physiologically-based model for "
    "simulation of color vision deficiency. IEEE TVCG 15(6): 1291–1298.",
    "Tol, P. (2021). Colour schemes. SRON technical note SRON/EPS/TN/09-002, issue 3.2.",
    "Nuñez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing colormaps with consideration for color "
    "vision deficiency (cividis). PLoS ONE 13(7): e0199239.",
    "Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval. Inf. Process. "
    "Manag. 24(5): 513–523.",
    "Shrestha, L. & McKeown, K. (2004). Detection of question-answer pairs in email conversations. COLING 2004.",
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


def fmt_share(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """A share as a percentage that never rounds a non-zero share to "0%": whole percents from 10%
    up, one decimal below (0.4281 -> '43%', 0.054 -> '5,4%'), '<0,1%' for tiny non-zero shares."""
    if _undefined(x):
        return DASH
    v = float(x)
    if v == 0 or abs(v) >= 0.0995:
        return fmt_pct(v, lang)
    if abs(v) < 0.0005:
        return "<" + fmt_pct(0.001, lang, 1)
    return fmt_pct(v, lang, 1)


def fmt_duration(seconds: float | None, lang: str = DEFAULT_LANG, resolution_s: float | None = None) -> str:
    """A duration in the largest sensible unit: '45 dtk', '48 mnt', '5,4 jam', '2 hari'.

    `resolution_s`: the timestamps' resolution. With minute timestamps (60) a gap below a minute is
    only known to be under a minute, so it reads "under a minute", never "0 s" or "45 s".
    """
    if _undefined(seconds):
        return DASH
    s = float(seconds)
    if resolution_s is not None and resolution_s >= 60 and s < 60:
        return t("unit.under_minute", lang)

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
