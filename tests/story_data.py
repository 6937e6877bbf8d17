"""Three outlets' reports of one fire: the stories tests' shared texts (written for them)."""

FIRE: list[tuple[str, str, str]] = [
    (
        "Alpha News",
        "Fire destroys Orlov textile mill in Brezno",
        "A fire destroyed the Orlov textile mill in Brezno on Monday night, and 60 workers "
        "were evacuated, the Brezno fire brigade said.\n\n"
        '"Everyone got out in time," brigade chief Mila Hrasko said.',
    ),
    (
        "Beta Post",
        "Brezno mill blaze: 60 workers evacuated",
        "Firefighters in Brezno fought a blaze at the Orlov textile mill for six hours; all "
        "60 workers on the night shift got out, the brigade said.\n\n"
        '"It was a very hot fire," Hrasko said.',
    ),
    (
        "Gamma Wire",
        "Orlov mill fire forces out night shift",
        "The Orlov mill fire in Brezno forced 60 night-shift workers out. The Brezno fire "
        "brigade said the cause of the fire at the textile mill was not known.",
    ),
]
