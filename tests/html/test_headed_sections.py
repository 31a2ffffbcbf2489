"""A heading that names a box names the rest of its section: the posts under a comments
heading go as comments, not page_chrome, on pages whose class names say nothing. Written
for these tests in several languages (no eval page copied)."""

from __future__ import annotations

import pytest

from cleaner import clean

PARAGRAPHS = (
    "Gradska uprava u utorak je predstavila plan izgradnje nove tramvajske linije koja će povezati "
    "sjeverne kvartove sa središtem grada, a projekt bi trebao stajati oko osamdeset milijuna eura.",
    "Gradonačelnik je na konferenciji za medije rekao da je glavni cilj smanjiti gužve i olakšati "
    "kretanje starijim građanima, a stanovnici su plan uglavnom pozdravili, iako se neki boje buke.",
    "Gradski vijećnici zatražili su objavu detaljnijih podataka o financiranju i troškovima održavanja, "
    "a javno savjetovanje održat će se idući mjesec u zgradi gradske uprave.",
    "Stručnjaci ističu da je očuvanje javnog prijevoza zajednički izazov mnogih manjih gradova, "
    "posebno onih u kojima broj stanovnika godinama pada.",
)
POST = "Konačno, na ovaj tramvaj čekamo već godinama i jako nam je drago zbog cijelog kvarta."


def _page(section: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        '<html lang="hr"><body><div class="a1"><article><h1>Grad najavio novu tramvajsku liniju</h1>'
        f"{body}</article>{section}</div><footer><p>Impressum</p></footer></body></html>"
    )


@pytest.mark.parametrize("heading", ["Komentari (2)", "Σχόλια (2)", "Bình luận (2)", "Коментарі (2)"])
def test_posts_under_a_comments_heading_are_comments(heading: str) -> None:
    section = f'<section class="b2"><h2>{heading}</h2><div class="c3"><p><b>Ana</b></p><p>{POST}</p></div></section>'
    result = clean(html=_page(section))
    assert all(p in result.body for p in PARAGRAPHS)
    posts = [s for s in result.removed if POST in s.text]
    assert posts and posts[0].category == "comments"


def test_a_heading_in_the_articles_own_element_names_nothing_below_it() -> None:
    """A comments heading whose parent holds the article: the wrapper is no comments box."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        '<html lang="hr"><body><div class="a1"><h1>Grad najavio novu tramvajsku liniju</h1>'
        f"{body}<h2>Komentari (2)</h2><p>Impressum i uvjeti korištenja portala</p></div></body></html>"
    )
    result = clean(html=page)
    assert all(p in result.body for p in PARAGRAPHS)
    assert not [s for s in result.removed if "Impressum" in s.text and s.category == "comments"]
