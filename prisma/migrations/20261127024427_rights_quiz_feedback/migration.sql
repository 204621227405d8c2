-- CreateTable
CREATE TABLE "QuizResult" (
    "id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "region" TEXT,
    "ageBand" TEXT,
    "rightsCorrect" INTEGER NOT NULL,
    "rightsTotal" INTEGER NOT NULL,
    "responsibilitiesCorrect" INTEGER NOT NULL,
    "responsibilitiesTotal" INTEGER NOT NULL,
    "satisfaction" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicFeedback" (
    "id" SERIAL NOT NULL,
    "topicId" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuizResult_region_idx" ON "QuizResult"("region");

-- CreateIndex
CREATE INDEX "TopicFeedback_topicId_idx" ON "TopicFeedback"("topicId");
