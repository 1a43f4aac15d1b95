"""The page a visitor gets over http(s) without the internet for a page that was not saved
(offline.html, served by the service worker generator/assets/offline/sw.js); left out of the sitemap."""
from __future__ import annotations

PAGE = "offline.md"


def render_offline_page() -> str:
    return ("---\ntitle: Strona niezapisana do czytania bez internetu\n---\n\n"
            "# Ta strona nie jest zapisana do czytania bez internetu\n\n"
            "Nie ma teraz połączenia z internetem, a tej strony nie zapisano wcześniej w przeglądarce.\n\n"
            "- Strony otwierane wcześniej na tym urządzeniu działają bez internetu — można do nich wrócić "
            "przyciskiem „Wstecz” albo z historii przeglądarki.\n"
            "- Gdy połączenie wróci, przycisk „Zapisz do czytania bez internetu” na dole każdej strony zapisuje "
            "wszystkie strony jej sekcji (np. wszystkie praktyki) razem z wyszukiwarką.\n"
            "- Cała baza jest też do pobrania jako pliki, które działają bez internetu po otwarciu z dysku.\n\n"
            "[Strona główna](index.md)\n")
