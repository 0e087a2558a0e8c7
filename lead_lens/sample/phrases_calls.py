"""Phrase banks for recorded calls: what the rep (R) and the prospect (P) say in each phase of
a discovery call. Slots as in phrases.py."""

from __future__ import annotations

PHASES = ("intro", "discovery", "pitch", "objection", "next")
TOPICS = {"intro": None, "discovery": "Discovery", "pitch": "Product Demo",
          "objection": "Pricing", "next": "Next Steps"}

REP = {
    "intro": (
        "Hi {first}, thanks for making the time today.",
        "Hey {first}, can you hear me okay?",
        "Great to finally connect, {first}. How's the week going?",
        "Thanks for jumping on. I know it's a busy time of the quarter.",
        "Before we start, do you mind if I record this so I can focus on the conversation?",
    ),
    "discovery": (
        "How are you reporting on pipeline today?",
        "Walk me through what happens at month end when finance asks for the forecast.",
        "Who owns the data model behind your dashboards?",
        "What made you look at this now rather than six months ago?",
        "How many systems does a lead touch before it becomes an opportunity?",
        "If you could fix one number your board looks at, which one would it be?",
        "Is the warehouse the source of truth, or is it still the CRM?",
        "How do you attribute pipeline to campaigns at the moment?",
        "What have you tried already, and what didn't work?",
    ),
    "pitch": (
        "So what we do is model your pipeline directly in Snowflake, so the numbers match "
        "what finance sees.",
        "Let me share my screen — this is the funnel view a customer of ours in {industry} uses.",
        "The attribution piece is just SQL on your own tables, so your analysts can audit it.",
        "Most teams get the first dashboards live in about two weeks.",
        "This alert fires when an opportunity stalls in a stage longer than your median.",
    ),
    "objection": (
        "That's fair. What budget range were you expecting for something like this?",
        "Understood. How are you comparing us against {competitor}?",
        "Security usually asks for our SOC 2 report; I can send it today.",
        "If timing is the issue, we could start with a paid pilot for one team.",
        "We can structure it so you pay quarterly instead of upfront.",
    ),
    "next": (
        "So next step would be a technical session with your data engineer. Does Thursday work?",
        "I'll send a recap with the case study and a proposal by Friday.",
        "Let's get a sandbox set up on a copy of your Salesforce data.",
        "I'll follow up with pricing for 50 seats and the security pack.",
        "Should we pull in your CFO for the business case conversation?",
    ),
}
PROSPECT = {
    "intro": (
        "Yeah, no problem, good to meet you.", "Hi, yes, I can hear you fine.",
        "Busy, but good. Quarter end is coming up, so let's make it count.",
        "Sure, recording is fine.", "Thanks for sending the agenda beforehand.",
    ),
    "discovery": (
        "Honestly it's a mess. We export from Salesforce into Sheets every Friday.",
        "Our analyst built a dbt model last year, but she left and nobody really owns it.",
        "The board keeps asking which channels create pipeline and we can't answer confidently.",
        "We moved from Marketo to HubSpot in March, so the history is split across two tools.",
        "Finance and sales have different numbers for the same quarter, every quarter.",
        "We have about sixty reps and three people in RevOps.",
        "We tried {competitor} for a year but the data was always a day behind.",
        "Marketing hands leads over and then we lose track of what sales actually did with them.",
        "It's mostly Looker on top of Snowflake, with a lot of manual cleanup.",
    ),
    "pitch": (
        "Okay, that's interesting. Does it handle custom objects?",
        "How long does the initial sync take on a big Salesforce org?",
        "That view is close to what our CRO asked for last week.",
        "Can my team edit the models, or is that a black box?",
        "Right, and that runs in our warehouse, not yours?",
    ),
    "objection": (
        "The price is the sticking point. We don't have budget for this until Q3.",
        "We're also talking to {competitor}, and they came in cheaper.",
        "Security review here takes about two months, just so you know.",
        "I'd need to get sign-off from our CFO, and she's very cautious right now.",
        "Timing is tough, we're in the middle of a CRM migration.",
        "I like it, but I'm not sure we can take on an implementation this quarter.",
    ),
    "next": (
        "Thursday works, I'll bring our data engineer.",
        "Send over the case study and I'll share it internally.",
        "Let's do the sandbox, that will help me make the case.",
        "Can you circle back after our planning cycle? Probably in a few weeks.",
        "Sounds good, send me the proposal and I'll review it with finance.",
    ),
}
FILLER = ("Yeah.", "Right.", "Makes sense.", "Mm-hmm.", "Okay.", "Got it.", "Sure.",
          "That's helpful.", "Yeah, exactly.", "Interesting.")
CALL_TITLES = ("Northwind Analytics <> {company}", "{company} | Discovery",
               "Intro call: Northwind + {company}", "{company} - demo",
               "Northwind / {company} sync")
TRACKERS = ("Pricing", "Competition", "Budget", "Security", "Next Steps", "Timing", "Snowflake")
