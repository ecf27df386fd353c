// Metrics in the Prometheus text format and the HTTP endpoint (/healthz, /metrics) on Poco::Net::HTTPServer.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <cstdio>

#include "pingcha/json.h"
#include "watch_internal.h"

namespace pingcha::watch {

namespace {

const std::vector<double>& bucket_bounds() {
    static const std::vector<double> b = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};
    return b;
}

std::string fmt(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

void Metrics::document(const std::string& status) {
    std::lock_guard lock(mu_);
    documents_[status]++;
}

void Metrics::stage(const std::string& name, double seconds) {
    std::lock_guard lock(mu_);
    Histogram& h = stages_[name];
    if (h.buckets.empty()) h.buckets.assign(bucket_bounds().size(), 0);
    for (std::size_t i = 0; i < bucket_bounds().size(); ++i)
        if (seconds <= bucket_bounds()[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
}

void Metrics::latency(double seconds) {
    std::lock_guard lock(mu_);
    if (latency_.buckets.empty()) latency_.buckets.assign(bucket_bounds().size(), 0);
    for (std::size_t i = 0; i < bucket_bounds().size(); ++i)
        if (seconds <= bucket_bounds()[i]) latency_.buckets[i]++;
    latency_.sum += seconds;
    latency_.count++;
}

std::string Metrics::render() const {
    std::lock_guard lock(mu_);
    std::string out;
    out += "# HELP pingcha_documents_total Documents finished, by status (ok, failed, duplicate).\n";
    out += "# TYPE pingcha_documents_total counter\n";
    for (const char* s : {"ok", "failed", "duplicate"}) {
        auto it = documents_.find(s);
        out += std::string("pingcha_documents_total{status=\"") + s + "\"} " +
               std::to_string(it == documents_.end() ? 0 : it->second) + "\n";
    }
    out += "# HELP pingcha_queue_depth Documents taken and waiting for a worker.\n";
    out += "# TYPE pingcha_queue_depth gauge\n";
    out += "pingcha_queue_depth " + std::to_string(queue_depth.load()) + "\n";
    out += "# HELP pingcha_in_flight Documents being processed by a worker.\n";
    out += "# TYPE pingcha_in_flight gauge\n";
    out += "pingcha_in_flight " + std::to_string(in_flight.load()) + "\n";
    out += "# HELP pingcha_pages_total Pages processed.\n";
    out += "# TYPE pingcha_pages_total counter\n";
    out += "pingcha_pages_total " + std::to_string(pages_.load()) + "\n";
    out += "# HELP pingcha_worker_restarts_total Worker processes replaced after a crash, timeout or reload.\n";
    out += "# TYPE pingcha_worker_restarts_total counter\n";
    out += "pingcha_worker_restarts_total " + std::to_string(worker_restarts_.load()) + "\n";
    auto histogram = [&](const std::string& name, const std::string& labels, const Histogram& h) {
        const std::string sep = labels.empty() ? "" : ",";
        for (std::size_t i = 0; i < bucket_bounds().size(); ++i)
            out += name + "_bucket{" + labels + sep + "le=\"" + fmt(bucket_bounds()[i]) + "\"} " +
                   std::to_string(h.buckets.empty() ? 0 : h.buckets[i]) + "\n";
        out += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(h.count) + "\n";
        out += name + "_sum" + (labels.empty() ? "" : "{" + labels + "}") + " " + fmt(h.sum) + "\n";
        out += name + "_count" + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(h.count) + "\n";
    };
    out += "# HELP pingcha_stage_seconds Time spent in each pipeline stage, per document.\n";
    out += "# TYPE pingcha_stage_seconds histogram\n";
    for (const auto& [name, h] : stages_) {
        std::string label = "stage=";
        append_json_string(label, name);
        histogram("pingcha_stage_seconds", label, h);
    }
    out += "# HELP pingcha_latency_seconds From a file being taken (stable) to its result committed.\n";
    out += "# TYPE pingcha_latency_seconds histogram\n";
    histogram("pingcha_latency_seconds", "", latency_);
    return out;
}

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(Metrics& m) : metrics_(m) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
        std::string body;
        if (req.getMethod() != "GET" && req.getMethod() != "HEAD") {
            resp.setStatus(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
            body = "method not allowed\n";
            resp.setContentType("text/plain");
        } else if (req.getURI() == "/healthz") {
            resp.setContentType("text/plain");
            body = "ok\n";
        } else if (req.getURI() == "/metrics") {
            resp.setContentType("text/plain; version=0.0.4");
            body = metrics_.render();
        } else {
            resp.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            resp.setContentType("text/plain");
            body = "not found\n";
        }
        resp.setContentLength(static_cast<std::streamsize>(body.size()));
        auto& os = resp.send();
        if (req.getMethod() != "HEAD") os << body;
    }

private:
    Metrics& metrics_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(Metrics& m) : metrics_(m) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(metrics_);
    }

private:
    Metrics& metrics_;
};

}  // namespace

struct HttpEndpoint::Impl {
    Poco::Net::ServerSocket socket;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

HttpEndpoint::HttpEndpoint(const std::string& addr, Metrics& metrics) : impl_(std::make_unique<Impl>()) {
    try {
        impl_->socket.bind(Poco::Net::SocketAddress(addr), true, false);  // no SO_REUSEPORT: a port in use is an error
        impl_->socket.listen(64);
    } catch (const Poco::Exception& e) {
        throw StoreUnavailable("--http " + addr + ": " + e.displayText());
    }
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setMaxQueued(64);
    params->setKeepAlive(false);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(metrics), impl_->socket, params);
    impl_->server->start();
}

HttpEndpoint::~HttpEndpoint() {
    if (impl_ && impl_->server) impl_->server->stopAll(true);
}

std::uint16_t HttpEndpoint::port() const { return impl_->socket.address().port(); }

}  // namespace pingcha::watch
