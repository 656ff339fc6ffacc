#include "FailOnWarnings.h"
#include "TestData.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <new>

using namespace Qt::StringLiterals;
using sender::EventMessage;
using sender::FilterError;
using sender::SubscriptionFilter;

// This executable interposes the C allocator (glibc's malloc family, which QByteArray and
// QString use directly) and replaces the global operator new, so that every allocation of the
// process, Qt's included, is counted while a thread has counting switched on.
extern "C" {
void *__libc_malloc(std::size_t);
void *__libc_calloc(std::size_t, std::size_t);
void *__libc_realloc(void *, std::size_t);
void *__libc_memalign(std::size_t, std::size_t);
void __libc_free(void *);
}

namespace {
thread_local bool t_counting = false;
std::atomic<long> g_allocations {0};

void count()
{
    if (t_counting)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}

void *allocate(std::size_t size)
{
    count();
    if (void *p = __libc_malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

void *allocateAligned(std::size_t size, std::align_val_t alignment)
{
    count();
    if (void *p = __libc_memalign(static_cast<std::size_t>(alignment), size ? size : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace

extern "C" {
void *malloc(std::size_t size)
{
    count();
    return __libc_malloc(size);
}
void *calloc(std::size_t n, std::size_t size)
{
    count();
    return __libc_calloc(n, size);
}
void *realloc(void *p, std::size_t size)
{
    count();
    return __libc_realloc(p, size);
}
void *aligned_alloc(std::size_t alignment, std::size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}
void *memalign(std::size_t alignment, std::size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}
int posix_memalign(void **out, std::size_t alignment, std::size_t size)
{
    count();
    *out = __libc_memalign(alignment, size);
    return *out ? 0 : ENOMEM;
}
void free(void *p)
{
    __libc_free(p);
}
}

void *operator new(std::size_t size)
{
    return allocate(size);
}
void *operator new[](std::size_t size)
{
    return allocate(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    count();
    return __libc_malloc(size ? size : 1);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    count();
    return __libc_malloc(size ? size : 1);
}
void *operator new(std::size_t size, std::align_val_t alignment)
{
    return allocateAligned(size, alignment);
}
void *operator new[](std::size_t size, std::align_val_t alignment)
{
    return allocateAligned(size, alignment);
}
void operator delete(void *p) noexcept
{
    __libc_free(p);
}
void operator delete[](void *p) noexcept
{
    __libc_free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    __libc_free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    __libc_free(p);
}
void operator delete(void *p, std::align_val_t) noexcept
{
    __libc_free(p);
}
void operator delete[](void *p, std::align_val_t) noexcept
{
    __libc_free(p);
}
void operator delete(void *p, std::size_t, std::align_val_t) noexcept
{
    __libc_free(p);
}
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept
{
    __libc_free(p);
}

namespace {

// Counts the allocations of this thread inside one scope.
class AllocationCounter
{
public:
    AllocationCounter()
    {
        m_start = g_allocations.load();
        t_counting = true;
    }
    ~AllocationCounter() { t_counting = false; }
    long count() const { return g_allocations.load() - m_start; }

private:
    long m_start = 0;
};

} // namespace

// matches() runs for every event and every subscription group: it must not allocate.
class TestFilterAlloc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void counterSeesAllocations();
    void matchesAllocatesNothing_data();
    void matchesAllocatesNothing();
};

void TestFilterAlloc::counterSeesAllocations()
{
    // Proves the instrument works: QByteArray (malloc) and std::vector (operator new) are seen.
    long bytesCount = 0;
    long vectorCount = 0;
    {
        AllocationCounter counter;
        QByteArray bytes(1000, 'x');
        bytesCount = counter.count();
        std::vector<int> numbers(1000, 1);
        vectorCount = counter.count() - bytesCount;
        QVERIFY(!bytes.isEmpty() && !numbers.empty());
    }
    QCOMPARE(bytesCount, 1);
    QCOMPARE(vectorCount, 1);
}

void TestFilterAlloc::matchesAllocatesNothing_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("passing");
    QTest::newRow("empty") << QByteArray() << 7;
    QTest::newRow("five conditions")
        << "sources=cam-entrance-1,cam2&age__gte=18&gender=1&liveness=1&object_similarity__gte=0.7"_ba
        << 2;
    // all_attributes_message.json passes all 32 conditions, so every check runs instead of an
    // early rejection.
    QTest::newRow("every parameter")
        << "sources=3rd+Avenue,cam1,cam-parking-2&matching_candidates_labels=bad+guys,staff"
           "&object_similarity__gte=0.1&object_similarity__lt=1&age__gte=0&age__lt=200&gender=1"
           "&ethnic_groups=1,2,3,4&liveness=0,1,2&masks=1,2,3&emotions=1,2,3,4,5,6,7&tags=vip,staff"
           "&user_data=caf%C3%A9&geo_position=origin_longitude,37.6,origin_latitude,55.75,"
           "longitude_delta,1"
           "&cities=Moscow,Kazan&areas=CAO&districts=Tverskoy&streets=Tverskaya&house_numbers=7"
           "&handler_ids=557d54ec-29ad-4f3c-93b4-c9092ef12515,8950722f-3fd4-4223-b48f-03f95f0e8dfb"
           "&stream_ids=a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21"
           "&apparent_gender=0,1,2&apparent_age__gte=0&apparent_age__lt=100&headwear_states=0,1,2"
           "&sleeve_lengths=short,long&upper_clothing_colors=black,red&lower_garment_colors=black"
           "&lower_garment_types=trousers&shoes_colors=white&headwear_colors=black&backpack_states=0,1"_ba
        << 1;
    QTest::newRow("long lists (bisected)")
        << "sources=a,b,c,d,e,f,g,h,i,j,k,l,3rd+Avenue&cities=a,b,c,d,e,f,g,h,i,j,k,Moscow"
           "&matching_candidates_labels=a,b,c,d,e,f,g,h,i,j,good+guys&tags=tag2,tag1"_ba
        << 1;
    QTest::newRow("strings that fail") << "user_data=absent&tags=nope&streets=nowhere"_ba << 0;
    QTest::newRow("handler ids that fail")
        << "handler_ids=00000000-0000-0000-0000-000000000001"_ba << 0;
    QTest::newRow("stream ids that fail")
        << "stream_ids=00000000-0000-0000-0000-000000000001"_ba << 0;
}

void TestFilterAlloc::matchesAllocatesNothing()
{
    QFETCH(QByteArray, query);
    QFETCH(int, passing);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.parameter + u": "_s + error.detail));
    std::vector<std::shared_ptr<const EventMessage>> messages;
    for (const char *file :
         {"seed_message.json", "face_event_message.json", "body_event_message.json",
          "multi_event_message.json", "all_attributes_message.json"}) {
        QString parseError;
        messages.push_back(EventMessage::parse(testData(file), &parseError));
        QVERIFY2(messages.back(), qPrintable(parseError));
    }
    int passed = 0;
    long allocations = 0;
    {
        AllocationCounter counter;
        for (const auto &message : messages) {
            for (qsizetype i = 0; i < message->eventCount(); ++i)
                passed += filter->matches(*message, i) ? 1 : 0;
        }
        allocations = counter.count();
    }
    QCOMPARE(allocations, 0);
    QCOMPARE(passed, passing);
}

QTEST_APPLESS_MAIN(TestFilterAlloc)
#include "tst_filteralloc.moc"
