"""A small Indonesian Android export shared by test_charts.py and test_export.py.

Two members have hostile names: one is an HTML script tag, one a spreadsheet formula. Message text
starts with `=`, `-` and `@` and contains HTML. Everything that reaches a chart, the HTML report or
a CSV must show these literally and harmlessly.
"""
from __future__ import annotations

SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("http://evil.example/?x","klik")'

CHAT = f"""\
03/01/24 08.00 - Sari membuat grup "UMKM Sleman"
03/01/24 08.01 - Anda menambahkan Budi
03/01/24 08.01 - Anda menambahkan {SCRIPT_NAME}
03/01/24 08.02 - {FORMULA_NAME} telah bergabung menggunakan tautan undangan grup ini
03/01/24 08.05 - Sari: Selamat datang semua 🙏
03/01/24 08.06 - Budi: terima kasih bu 🙏🙏
03/01/24 08.20 - Sari: info pelatihan NIB hari sabtu https://oss.go.id/pelatihan
03/01/24 08.31 - {SCRIPT_NAME}: ikut bu, daftarnya di mana?
03/01/24 09.02 - Sari: di link tadi ya
04/01/24 19.40 - {FORMULA_NAME}: =1+1 promo keripik 15rb
04/01/24 19.55 - Budi: @Sari KUR BRI sudah buka https://kur.ekon.go.id/info
05/01/24 07.10 - Dewi: -50% diskon batik hari ini saja
05/01/24 07.12 - Sari: mantap 👍
12/01/24 13.00 - Budi: rapat bulanan minggu depan
12/01/24 13.30 - Sari: siap
02/02/24 10.00 - Sari: ada bazar UMKM di alun-alun https://www.kompas.com/bazar
02/02/24 10.04 - Dewi: ikut bu 😊
02/02/24 10.05 - Budi: saya juga
15/02/24 21.00 - {SCRIPT_NAME}: harga cabai naik lagi
15/02/24 23.50 - Sari: iya bu 😭
20/02/24 08.00 - Dewi keluar
01/03/24 09.00 - Sari: selamat pagi
01/03/24 09.01 - Budi: pagi bu
01/03/24 12.00 - Sari: <b>penting</b> pendaftaran halal gratis https://ptsp.halal.go.id
"""
