"""One public address of each page type and feed the demo site has, in both languages: what
the query budget test (tests/demo_content/test_demo_queries.py) and bench/queries.py ask."""

PUBLIC_ADDRESSES = [
    "/ro/",
    "/en/",
    "/ro/despre/",
    "/en/about/",
    "/ro/stiri/",
    "/ro/stiri/?topic=urbact&year=2021",
    "/ro/stiri/comunicat-de-presa-intalnirea-grupului-local-urbact/",
    "/en/news/press-release-urbact-local-group-meeting/",
    "/ro/stiri/subiect/urbact/",
    "/ro/stiri/rss/",
    "/en/news/atom/",
    "/ro/stiri/subiect/urbact/rss/",
    "/ro/proiecte/",
    "/ro/proiecte/digiplace/",
    "/en/projects/digiplace/",
    "/ro/proiecte/digiplace/actiune-pilot-botosani/",
    "/ro/parteneri/",
    "/ro/parteneri/messina/",
    "/en/partners/botosani/",
    "/ro/cautare/?q=Botosani",
    "/en/search/?q=partnership",
    "/sitemap.xml",
]
